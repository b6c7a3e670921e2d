import Testing

@testable import ServiceSupport

@Suite struct ServiceEnvironmentTests {
    @Test func defaultsFillUnsetAndEmptyVariables() {
        let env = ServiceEnvironment(
            component: "ml-worker", processEnvironment: ["AMQP_URL": "", "LOG_LEVEL": "debug", "OTHER": "x"],
            workingDirectory: "/srv/app")
        #expect(env.variables["DATABASE_URL"] == "postgres://sluice:sluice@127.0.0.1:5432/sluice")
        #expect(env.variables["AMQP_URL"] == "amqp://guest:guest@127.0.0.1:5672/%2f")
        #expect(env.variables["ML_SERVICE_URL"] == "http://127.0.0.1:8081/inference")
        #expect(env.variables["HTTP_ADDRESS"] == "0.0.0.0:8080")
        #expect(env.variables["METRICS_ADDRESS"] == "0.0.0.0:9090")
        #expect(env.variables["LOG_LEVEL"] == "debug")
        #expect(env.variables["OTHER"] == "x")
        #expect(env.configPath == "/srv/app/config/ml-worker.yaml")
        #expect(env.mappingsDirectory == "/srv/app/mappings/ml-worker")
        #expect(env.variables["MAPPINGS_DIR"] == "/srv/app/mappings/ml-worker")
    }

    @Test func flagsWinOverTheEnvironment() {
        let process = ["SLUICE_CONFIG": "/etc/a.yaml", "MAPPINGS_DIR": "/etc/maps"]
        let fromEnv = ServiceEnvironment(component: "api-gateway", processEnvironment: process, workingDirectory: "/w")
        #expect(fromEnv.configPath == "/etc/a.yaml")
        #expect(fromEnv.mappingsDirectory == "/etc/maps")
        let fromFlags = ServiceEnvironment(
            component: "api-gateway", config: "b.yaml", mappingsDirectory: "../m/", processEnvironment: process,
            workingDirectory: "/w/x")
        #expect(fromFlags.configPath == "/w/x/b.yaml")
        #expect(fromFlags.mappingsDirectory == "/w/m")
        #expect(fromFlags.variables["MAPPINGS_DIR"] == "/w/m")
    }
}
