import MLService
import Testing

@Suite("FaultInjector")
struct FaultInjectorTests {
    @Test("no knobs: every request is answered")
    func none() {
        let f = FaultInjector()
        #expect((0..<1000).allSatisfy { _ in f.decide() == .answer })
    }

    @Test("failure rate 1 fails every request with 500 or 503, both seen")
    func alwaysFail() {
        let f = FaultInjector(failureRate: 1, seed: 4)
        let decisions = (0..<200).map { _ in f.decide() }
        #expect(Set(decisions) == [.fail(status: 500), .fail(status: 503)])
    }

    @Test("hang rate 1 never answers")
    func alwaysHang() {
        let f = FaultInjector(failureRate: 1, hangRate: 1)
        #expect((0..<100).allSatisfy { _ in f.decide() == .hang })
    }

    @Test("a 30% failure rate fails about 30% of requests, the same ones for the same seed")
    func rate() {
        let a = FaultInjector(failureRate: 0.3, seed: 11)
        let b = FaultInjector(failureRate: 0.3, seed: 11)
        let da = (0..<10_000).map { _ in a.decide() }
        let db = (0..<10_000).map { _ in b.decide() }
        #expect(da == db)
        let failed = da.filter { $0 != .answer }.count
        #expect((2_700...3_300).contains(failed))
    }
}
