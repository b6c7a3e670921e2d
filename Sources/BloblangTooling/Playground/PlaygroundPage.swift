/// The playground page: HTML, CSS and JavaScript in one document, served by `blobl server`
/// with no other assets so it works offline.
enum PlaygroundPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>blobl playground</title>
        <style>
        :root { --bg:#1e1f22; --panel:#2b2d31; --fg:#e6e6e6; --dim:#9a9ca3; --err:#ff6b6b; --ok:#7bd88f; --accent:#6cb6ff;
                --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--fg); font:14px system-ui, sans-serif; height:100vh; display:flex; flex-direction:column; }
        header { padding:8px 14px; display:flex; gap:16px; align-items:center; border-bottom:1px solid #3a3c42; }
        header h1 { font-size:16px; margin:0; }
        #status { color:var(--dim); font-size:12px; }
        main { flex:1; display:grid; grid-template-columns: 1fr 1fr 300px; grid-template-rows: 1fr 1fr; gap:8px; padding:8px; min-height:0; }
        section { background:var(--panel); border-radius:6px; display:flex; flex-direction:column; min-height:0; }
        section h2 { font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--dim); margin:0; padding:6px 10px; }
        #mapping-pane { grid-column: 1; grid-row: 1 / span 2; }
        #input-pane { grid-column: 2; grid-row: 1; }
        #output-pane { grid-column: 2; grid-row: 2; }
        #reference { grid-column: 3; grid-row: 1 / span 2; }
        .editor { position:relative; flex:1; min-height:0; display:flex; }
        .gutter { font:13px/1.5 var(--mono); color:var(--dim); text-align:right; padding:8px 6px; min-width:38px; user-select:none; overflow:hidden; white-space:pre; }
        .gutter .bad { color:var(--err); font-weight:bold; }
        .area { position:relative; flex:1; min-width:0; }
        .area textarea, .area .backdrop { position:absolute; inset:0; margin:0; padding:8px; border:0; font:13px/1.5 var(--mono);
                white-space:pre; overflow:auto; tab-size:2; }
        .area textarea { background:transparent; color:var(--fg); resize:none; outline:none; caret-color:var(--fg); z-index:1; }
        .area .backdrop { color:transparent; pointer-events:none; }
        .backdrop mark.line { background:rgba(255,107,107,.22); color:transparent; display:inline-block; min-width:100%; }
        .backdrop mark.col { background:var(--err); color:transparent; border-radius:2px; }
        textarea.plain { flex:1; background:transparent; color:var(--fg); border:0; padding:8px; font:13px/1.5 var(--mono); resize:none; outline:none; }
        pre.out { flex:1; margin:0; padding:8px; font:13px/1.5 var(--mono); overflow:auto; white-space:pre-wrap; word-break:break-all; }
        #error { color:var(--err); font:13px/1.4 var(--mono); padding:0 10px 8px; white-space:pre-wrap; }
        #error:empty { display:none; }
        .split { display:flex; flex-direction:column; flex:1; min-height:0; }
        .split > div { display:flex; flex-direction:column; min-height:0; }
        #ref-filter { margin:0 10px 6px; padding:5px 8px; background:var(--bg); color:var(--fg); border:1px solid #3a3c42; border-radius:4px; }
        #ref-list { flex:1; overflow:auto; padding:0 10px 10px; }
        .ref { padding:6px 0; border-bottom:1px solid #3a3c42; cursor:pointer; }
        .ref code { color:var(--accent); font-family:var(--mono); }
        .ref .cat { color:var(--dim); font-size:11px; float:right; }
        .ref .sum { color:var(--dim); font-size:12px; margin-top:2px; }
        .ref .desc { display:none; font-size:12px; white-space:pre-wrap; margin-top:4px; }
        .ref.open .desc { display:block; }
        </style>
        </head>
        <body>
        <header><h1>blobl playground</h1><span id="status">loading…</span></header>
        <main>
          <section id="mapping-pane">
            <h2>Mapping</h2>
            <div class="editor">
              <div class="gutter" id="gutter">1</div>
              <div class="area"><div class="backdrop" id="backdrop"></div><textarea id="mapping" spellcheck="false" autocomplete="off"></textarea></div>
            </div>
            <div id="error"></div>
          </section>
          <section id="input-pane">
            <h2>Input</h2>
            <div class="split">
              <div style="flex:3"><textarea class="plain" id="input" spellcheck="false"></textarea></div>
              <h2>Metadata in (JSON object)</h2>
              <div style="flex:1"><textarea class="plain" id="metadata-in" spellcheck="false">{}</textarea></div>
            </div>
          </section>
          <section id="reference">
            <h2>Reference</h2>
            <input id="ref-filter" placeholder="filter functions and methods">
            <div id="ref-list"></div>
          </section>
          <section id="output-pane">
            <h2>Output</h2>
            <div class="split">
              <div style="flex:3"><pre class="out" id="output"></pre></div>
              <h2>Metadata out</h2>
              <div style="flex:1"><pre class="out" id="metadata-out"></pre></div>
            </div>
          </section>
        </main>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        const mapping = $("mapping"), input = $("input"), metaIn = $("metadata-in");
        let writeBack = false, seq = 0, timer = null, saveTimer = null, lastError = null;

        function escapeHTML(s) { return s.replace(/[&<>]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;"}[c])); }

        // The backdrop repeats the text behind the transparent textarea; marks there show
        // the error line and column in place.
        function paint() {
          const lines = mapping.value.split("\n");
          const bad = lastError && lastError.line ? lastError.line : 0;
          $("gutter").innerHTML = lines.map((_, i) => i + 1 === bad ? '<span class="bad">' + (i + 1) + '</span>' : String(i + 1)).join("\n");
          $("backdrop").innerHTML = lines.map((l, i) => {
            if (i + 1 !== bad) return escapeHTML(l);
            const col = Math.max(1, lastError.column || 1) - 1;
            const chars = Array.from(l);
            const before = escapeHTML(chars.slice(0, col).join("")), at = escapeHTML(chars[col] || " "), after = escapeHTML(chars.slice(col + 1).join(""));
            return '<mark class="line" data-line="' + bad + '">' + before + '<mark class="col">' + at + '</mark>' + after + '</mark>';
          }).join("\n") + "\n";
          syncScroll();
        }
        function syncScroll() { $("backdrop").scrollTop = mapping.scrollTop; $("backdrop").scrollLeft = mapping.scrollLeft; $("gutter").scrollTop = mapping.scrollTop; }

        async function run() {
          const id = ++seq;
          $("status").textContent = "running…";
          let body;
          try {
            const res = await fetch("/execute", { method: "POST", headers: {"Content-Type": "application/json"},
              body: JSON.stringify({ mapping: mapping.value, input: input.value, metadata: metaIn.value }) });
            body = await res.json();
          } catch (e) { $("status").textContent = "server unreachable"; return; }
          if (id !== seq) return;
          lastError = body.error && typeof body.error === "object" ? body.error : null;
          if (lastError) {
            const where = lastError.line ? "line " + lastError.line + (lastError.column ? " char " + lastError.column : "") + ": " : "";
            $("error").textContent = lastError.kind + " error: " + where + lastError.message + (lastError.help ? "\n" + lastError.help.join("\n") : "");
            $("status").textContent = lastError.kind + " error";
          } else if (body.error) {
            $("error").textContent = String(body.error); $("status").textContent = "error";
          } else {
            $("error").textContent = "";
            $("output").textContent = body.deleted ? "(message deleted)" : body.result;
            $("metadata-out").textContent = JSON.stringify(body.metadata || {}, null, 2);
            $("status").textContent = "ok";
          }
          $("output").classList.toggle("stale", !!lastError);
          paint();
        }
        function schedule() {
          clearTimeout(timer); timer = setTimeout(run, 200); paint();
          if (writeBack) { clearTimeout(saveTimer); saveTimer = setTimeout(save, 600); }
        }
        async function save() {
          const res = await fetch("/save", { method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({ mapping: mapping.value, input: input.value }) });
          const body = await res.json();
          if (body.written) $("status").textContent += " · saved";
        }

        mapping.addEventListener("input", schedule);
        input.addEventListener("input", schedule);
        metaIn.addEventListener("input", schedule);
        mapping.addEventListener("scroll", syncScroll);
        mapping.addEventListener("keydown", (e) => {
          if (e.key === "Tab") { e.preventDefault(); const s = mapping.selectionStart; mapping.setRangeText("  ", s, mapping.selectionEnd, "end"); schedule(); }
        });

        let specs = [];
        function renderReference() {
          const f = $("ref-filter").value.toLowerCase();
          const shown = specs.filter((s) => !f || s.name.includes(f) || s.category.toLowerCase().includes(f) || s.summary.toLowerCase().includes(f)).slice(0, 300);
          $("ref-list").innerHTML = shown.map((s) =>
            '<div class="ref"><span class="cat">' + escapeHTML(s.category) + '</span><code>' + escapeHTML(s.signature) + '</code>' +
            '<div class="sum">' + escapeHTML(s.summary) + '</div><div class="desc">' + escapeHTML(s.description || "") + '</div></div>').join("");
        }
        $("ref-filter").addEventListener("input", renderReference);
        $("ref-list").addEventListener("click", (e) => { const r = e.target.closest(".ref"); if (r) r.classList.toggle("open"); });

        (async function start() {
          const [state, spec] = await Promise.all([fetch("/state").then((r) => r.json()), fetch("/specs").then((r) => r.json())]);
          mapping.value = state.mapping; input.value = state.input; writeBack = state.write;
          specs = spec.functions.concat(spec.methods);
          renderReference();
          paint();
          run();
        })();
        </script>
        </body>
        </html>
        """#
}
