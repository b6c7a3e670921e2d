// ml-worker: placeholder until the platform work lands.
print("ml-worker: not built yet")
