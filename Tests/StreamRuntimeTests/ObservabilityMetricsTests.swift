import Testing

@testable import StreamRuntime

@Suite("MetricsRegistry")
struct ObservabilityMetricsTests {
    @Test("counters, gauges and summaries render in the Prometheus text format")
    func textFormat() {
        let m = MetricsRegistry()
        let labels = ["label": "", "path": "root.output"]
        m.counter("output_sent", labels: labels).increment(by: 3)
        m.increment("output_sent", labels: labels, by: 2)
        m.gauge("queue_depth").set(7)
        let t = m.timer("output_latency_ns", labels: labels)
        for ns in [100.0, 200, 300, 400] { t.record(nanoseconds: ns) }
        let expected = """
            # HELP output_latency_ns Sluice timing metric
            # TYPE output_latency_ns summary
            output_latency_ns{label="",path="root.output",quantile="0.5"} 200
            output_latency_ns{label="",path="root.output",quantile="0.9"} 400
            output_latency_ns{label="",path="root.output",quantile="0.99"} 400
            output_latency_ns_sum{label="",path="root.output"} 1000
            output_latency_ns_count{label="",path="root.output"} 4
            # HELP output_sent Sluice counter metric
            # TYPE output_sent counter
            output_sent{label="",path="root.output"} 5
            # HELP queue_depth Sluice gauge metric
            # TYPE queue_depth gauge
            queue_depth 7

            """
        #expect(m.render() == expected)
    }

    @Test("histogram timers expose cumulative buckets in seconds")
    func histogram() {
        let m = MetricsRegistry(timingFormat: .histogram(buckets: [0.001, 0.01]))
        let t = m.timer("processor_latency_ns", labels: ["label": "a", "path": "root.pipeline.processors.0"])
        t.record(nanoseconds: 500_000)  // 0.5ms
        t.record(nanoseconds: 5_000_000)  // 5ms
        t.record(nanoseconds: 50_000_000)  // 50ms
        let text = m.render()
        #expect(text.contains("# TYPE processor_latency_ns histogram\n"))
        #expect(text.contains(#"processor_latency_ns_bucket{label="a",path="root.pipeline.processors.0",le="0.001"} 1"#))
        #expect(text.contains(#"processor_latency_ns_bucket{label="a",path="root.pipeline.processors.0",le="0.01"} 2"#))
        #expect(text.contains(#"processor_latency_ns_bucket{label="a",path="root.pipeline.processors.0",le="+Inf"} 3"#))
        #expect(text.contains(#"processor_latency_ns_sum{label="a",path="root.pipeline.processors.0"} 0.0555"#))
        #expect(text.contains(#"processor_latency_ns_count{label="a",path="root.pipeline.processors.0"} 3"#))
    }

    @Test("label values are escaped")
    func escaping() {
        let m = MetricsRegistry()
        m.increment("x", labels: ["label": "a\"b\\c\nd"])
        #expect(m.render().contains(#"x{label="a\"b\\c\nd"} 1"#))
    }

    @Test("the same name and labels give the same handle; another kind does not take over")
    func handles() {
        let m = MetricsRegistry()
        let a = m.counter("c", labels: ["k": "v"])
        let b = m.counter("c", labels: ["k": "v"])
        #expect(a === b)
        let g = m.gauge("c", labels: ["k": "v"])  // a counter already has this name
        g.set(99)
        #expect(m.value("c", labels: ["k": "v"]) == 0)
        a.increment()
        #expect(m.value("c", labels: ["k": "v"]) == 1)
        #expect(m.total("c") == 1)
    }

    @Test("a disabled registry records and renders nothing")
    func disabled() {
        let m = MetricsRegistry.disabled
        m.increment("input_received")
        #expect(m.value("input_received") == 0)
        #expect(m.render() == "")
    }

    @Test("a rename drops or renames series")
    func rename() {
        let m = MetricsRegistry(rename: { name, labels in
            if name.hasPrefix("drop_") { return nil }
            var l = labels
            l["extra"] = "yes"
            return ("renamed_" + name, l)
        })
        m.increment("drop_me")
        m.increment("keep")
        let text = m.render()
        #expect(!text.contains("drop_me"))
        #expect(text.contains(#"renamed_keep{extra="yes"} 1"#))
    }

    @Test(
        "numbers are written as Go's shortest %g",
        arguments: [
            (0.0, "0"), (5, "5"), (0.5, "0.5"), (123_456, "123456"), (1_000_000, "1e+06"), (1_234_567, "1.234567e+06"),
            (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"), (1.5e20, "1.5e+20"), (Double.nan, "NaN"),
            (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (999_999, "999999"), (0.1 + 0.2, "0.30000000000000004"),
        ])
    func numbers(value: Double, text: String) {
        #expect(PrometheusText.number(value) == text)
    }

    @Test("invalid characters in metric names become underscores")
    func sanitize() {
        #expect(MetricsRegistry.sanitize("a.b-c") == "a_b_c")
        #expect(MetricsRegistry.sanitize("9lives") == "_lives")
    }
}
