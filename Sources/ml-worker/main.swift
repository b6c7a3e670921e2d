// ml-worker: takes jobs from ml_requests, calls the ML service; all logic lives in ServiceSupport.
import ServiceSupport

await PlatformMain.mlWorker()
