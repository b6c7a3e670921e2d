// results-collector: placeholder until the platform work lands.
print("results-collector: not built yet")
