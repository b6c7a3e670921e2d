// results-collector: stores results in PostgreSQL; all logic lives in ServiceSupport.
import ServiceSupport

await PlatformMain.resultsCollector()
