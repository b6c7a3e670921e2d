// api-gateway: the platform's HTTP API; all logic lives in ServiceSupport.
import ServiceSupport

await PlatformMain.apiGateway()
