// ml-service: placeholder until the platform work lands.
print("ml-service: not built yet")
