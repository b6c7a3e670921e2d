// api-gateway: placeholder until the platform work lands.
print("api-gateway: not built yet")
