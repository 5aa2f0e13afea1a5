extension HTMLChart {
    /// The page's style.
    static let style = #"""
        html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 14px; }
        body { display: flex; flex-direction: column; }
        header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; background: #fafafa; position: relative; z-index: 2; }
        h1 { font-size: 16px; margin: 0; font-weight: 600; }
        h2 { font-size: 14px; margin: 0 0 6px; }
        button { font: inherit; padding: 2px 8px; cursor: pointer; }
        #find { position: relative; }
        #search { width: 260px; font: inherit; padding: 3px 6px; }
        #count { color: #666; margin-left: 6px; }
        #results { position: absolute; top: 100%; left: 0; margin: 2px 0 0; padding: 0; list-style: none; background: #fff; border: 1px solid #ccc; max-height: 60vh; overflow: auto; width: 420px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
        #results:empty { display: none; }
        #results li { padding: 4px 8px; cursor: pointer; border-bottom: 1px solid #eee; }
        #results li:hover, #results li.active { background: #e8f0fb; }
        #results small { color: #666; display: block; }
        #timeline { display: flex; align-items: center; gap: 6px; }
        #date { width: 200px; }
        #date-label { font-weight: 600; min-width: 90px; }
        #viewport { flex: 1; overflow: hidden; position: relative; cursor: grab; background: #fff; touch-action: none; }
        #viewport.dragging { cursor: grabbing; }
        #stage { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
        #stage svg { display: block; }
        #stage svg text { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; }
        aside { position: absolute; right: 12px; background: #fff; border: 1px solid #ccc; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: 8px 12px; width: 320px; max-height: 40vh; overflow: auto; z-index: 3; }
        #details { top: 56px; }
        #changes { bottom: 12px; }
        #close { float: right; }
        aside ul { margin: 0; padding-left: 18px; }
        #change-list > li.heading { list-style: none; margin-left: -18px; font-weight: 600; }
        #change-list ul li { font-weight: normal; }
        #change-list li.added { color: #2ca02c; } #change-list li.removed { color: #d62728; } #change-list li.moved { color: #1f77b4; }
        g.node { cursor: pointer; }
        g.node.hidden, g.edge.hidden { display: none; }
        g.node.selected path, g.node.selected polygon { stroke: #d62728; stroke-width: 3.5; }
        g.node.chain path, g.node.chain polygon { stroke: #ff7f0e; stroke-width: 3; }
        g.edge.chain path { stroke: #ff7f0e; stroke-width: 3; }
        g.node.reports path, g.node.reports polygon { stroke: #1f77b4; stroke-width: 3; }
        g.edge.reports path { stroke: #1f77b4; stroke-width: 3; }
        g.node.found path, g.node.found polygon { stroke: #17becf; stroke-width: 5; }
        g.node.collapsed path, g.node.collapsed polygon { stroke-dasharray: 6 3; stroke-width: 2.5; }
        g.node.mark-added path, g.node.mark-added polygon { stroke: #2ca02c; stroke-width: 4; }
        g.node.mark-moved path, g.node.mark-moved polygon { stroke: #1f77b4; stroke-width: 4; }
        g.node.mark-renamed path, g.node.mark-renamed polygon { stroke: #e6550d; stroke-width: 4; }
        g.node.mark-head path, g.node.mark-head polygon { stroke: #9467bd; stroke-width: 4; }
        text.badge { font: bold 12px sans-serif; fill: #d62728; }

        """#

    /// The page's script: search, pan and zoom, chains, collapsing, and the date control.
    static let script = #"""
        (function () {
          "use strict";
          const data = JSON.parse(document.getElementById("chart-data").textContent);
          const viewport = document.getElementById("viewport");
          const stage = document.getElementById("stage");
          const search = document.getElementById("search");
          const results = document.getElementById("results");
          const count = document.getElementById("count");
          const details = document.getElementById("details");
          const changes = document.getElementById("changes");
          const sections = Array.from(document.querySelectorAll("section.frame"));
          const view = { x: 0, y: 0, scale: 1 };
          let current = sections.length - 1;

          // Each frame's cards, found in its SVG by the node names Graphviz writes as titles.
          const frames = sections.map(function (section, number) {
            const nodes = new Map(), byId = new Map(), children = new Map();
            // Each card's lines, by either end; and the solid line into it (a tree line, or the
            // flat line from the staff card before it).
            const lines = new Map(), lineIn = new Map();
            section.querySelectorAll("g.node").forEach(function (g) {
              const title = g.querySelector("title");
              if (title) { nodes.set(title.textContent, g); g.dataset.card = title.textContent; }
            });
            section.querySelectorAll("g.edge").forEach(function (g) {
              const title = g.querySelector("title");
              if (!title) return;
              const ends = title.textContent.split("->");
              if (ends.length !== 2) return;
              ends.forEach(function (end) {
                if (!lines.has(end)) lines.set(end, []);
                lines.get(end).push(g);
              });
              const path = g.querySelector("path");
              if (path && !path.hasAttribute("stroke-dasharray") && !lineIn.has(ends[1])) lineIn.set(ends[1], g);
            });
            const cards = data.frames[number].cards;
            cards.forEach(function (card) {
              byId.set(card.id, card);
              if (card.parent) {
                if (!children.has(card.parent)) children.set(card.parent, []);
                children.get(card.parent).push(card.id);
              }
            });
            const texts = cards.map(function (card) { return fold(card.lines.join(" ") + " " + card.ids.join(" ")); });
            const marks = data.frames[number].marks;
            Object.keys(marks).forEach(function (id) {
              const g = nodes.get(id);
              if (g) g.classList.add("mark-" + marks[id]);
            });
            return { section: section, nodes: nodes, lines: lines, lineIn: lineIn, byId: byId, children: children, cards: cards, texts: texts, collapsed: new Set() };
          });

          // Case and width folded, so that "wang" finds "Wang" and full-width letters match.
          function fold(text) { return text.normalize("NFKC").toLowerCase(); }
          function frame() { return frames[current]; }
          // The solid line into a card.
          function lineInto(id) { return frame().lineIn.get(id); }

          // Pan and zoom.
          function apply() { stage.style.transform = "translate(" + view.x + "px, " + view.y + "px) scale(" + view.scale + ")"; }
          function zoomAt(px, py, factor) {
            const scale = Math.min(8, Math.max(0.01, view.scale * factor));
            const k = scale / view.scale;
            view.x = px - (px - view.x) * k;
            view.y = py - (py - view.y) * k;
            view.scale = scale;
            apply();
          }
          function fit() {
            const section = frame().section;
            const width = section.offsetWidth, height = section.offsetHeight;
            const scale = Math.min(viewport.clientWidth / width, viewport.clientHeight / height, 1);
            view.scale = scale > 0 ? Math.max(0.01, scale) : 1;
            view.x = (viewport.clientWidth - width * view.scale) / 2;
            view.y = Math.max(0, (viewport.clientHeight - height * view.scale) / 2);
            apply();
          }
          viewport.addEventListener("wheel", function (event) {
            event.preventDefault();
            const box = viewport.getBoundingClientRect();
            zoomAt(event.clientX - box.left, event.clientY - box.top, Math.exp(-event.deltaY * 0.0015));
          }, { passive: false });
          let drag = null;
          viewport.addEventListener("pointerdown", function (event) {
            drag = { x: event.clientX, y: event.clientY, startX: view.x, startY: view.y, moved: false };
          });
          window.addEventListener("pointermove", function (event) {
            if (!drag) return;
            // The button was let go outside the window.
            if (event.buttons === 0) { drag = null; viewport.classList.remove("dragging"); return; }
            const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
            if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
            drag.moved = true;
            viewport.classList.add("dragging");
            view.x = drag.startX + dx;
            view.y = drag.startY + dy;
            apply();
          });
          window.addEventListener("pointerup", function () { viewport.classList.remove("dragging"); setTimeout(function () { drag = null; }, 0); });
          document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(viewport.clientWidth / 2, viewport.clientHeight / 2, 1.25); });
          document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(viewport.clientWidth / 2, viewport.clientHeight / 2, 0.8); });
          document.getElementById("fit").addEventListener("click", fit);

          // A card brought to the middle of the view, at a size to read.
          function jumpTo(id) {
            const f = frame();
            // Open every collapsed card above it.
            for (let up = f.byId.get(id) && f.byId.get(id).parent; up; up = f.byId.get(up) && f.byId.get(up).parent) {
              if (f.collapsed.has(up)) { f.collapsed.delete(up); }
            }
            refreshCollapsed();
            const g = f.nodes.get(id);
            if (!g) return;
            f.section.querySelectorAll("g.node.found").forEach(function (n) { n.classList.remove("found"); });
            g.classList.add("found");
            view.scale = Math.max(view.scale, 1);
            apply();
            const box = g.getBoundingClientRect(), port = viewport.getBoundingClientRect();
            view.x += port.left + port.width / 2 - (box.left + box.width / 2);
            view.y += port.top + port.height / 2 - (box.top + box.height / 2);
            apply();
          }

          // A card's chain to the top and its reports, marked; its details beside the chart.
          let selected = null;
          function clearMarks() {
            frame().section.querySelectorAll(".selected, .chain, .reports").forEach(function (n) { n.classList.remove("selected", "chain", "reports"); });
          }
          function select(id) {
            const f = frame();
            const card = f.byId.get(id);
            if (!card) return;
            clearMarks();
            selected = id;
            f.nodes.get(id).classList.add("selected");
            const chain = [];
            for (let at = card; at && at.parent; at = f.byId.get(at.parent)) {
              const up = f.nodes.get(at.parent), line = lineInto(at.id);
              if (up) up.classList.add("chain");
              if (line) line.classList.add("chain");
              chain.push(f.byId.get(at.parent));
            }
            const reports = f.children.get(id) || [];
            reports.forEach(function (child) {
              const g = f.nodes.get(child), line = lineInto(child);
              if (g) g.classList.add("reports");
              if (line) line.classList.add("reports");
            });
            document.getElementById("details-name").textContent = card.lines[0];
            const lines = document.getElementById("details-lines");
            lines.textContent = "";
            card.lines.slice(1).forEach(function (text) { const li = document.createElement("li"); li.textContent = text; lines.appendChild(li); });
            document.getElementById("details-chain").textContent = chain.length
              ? "Reports to: " + chain.map(function (c) { return c && c.lines[0]; }).join(" → ") : "At the top.";
            document.getElementById("details-reports").textContent = reports.length + (reports.length === 1 ? " direct report, " : " direct reports, ")
              + below(id).length + " in all below.";
            const button = document.getElementById("collapse");
            button.hidden = reports.length === 0;
            button.textContent = f.collapsed.has(id) ? "Expand the reports" : "Collapse the reports";
            details.hidden = false;
          }
          function below(id) {
            const f = frame(), out = [], stack = (f.children.get(id) || []).slice();
            while (stack.length) {
              const next = stack.pop();
              out.push(next);
              (f.children.get(next) || []).forEach(function (c) { stack.push(c); });
            }
            return out;
          }
          document.getElementById("close").addEventListener("click", function () { clearMarks(); selected = null; details.hidden = true; });
          stage.addEventListener("click", function (event) {
            if (drag && drag.moved) return;
            const g = event.target.closest("g.node");
            if (g && g.dataset.card && frame().byId.has(g.dataset.card)) select(g.dataset.card);
          });

          // Collapsing: the cards below a collapsed card are hidden, with the lines to them.
          function refreshCollapsed() {
            const f = frame();
            f.section.querySelectorAll("g.hidden").forEach(function (n) { n.classList.remove("hidden"); });
            f.section.querySelectorAll("g.node.collapsed").forEach(function (n) { n.classList.remove("collapsed"); });
            f.section.querySelectorAll("text.badge").forEach(function (n) { n.remove(); });
            f.collapsed.forEach(function (id) {
              const hidden = below(id);
              // A hidden card's lines go with it, whatever is at their other end.
              hidden.forEach(function (child) {
                const g = f.nodes.get(child);
                if (g) g.classList.add("hidden");
                (f.lines.get(child) || []).forEach(function (line) { line.classList.add("hidden"); });
              });
              const g = f.nodes.get(id);
              if (!g) return;
              g.classList.add("collapsed");
              const box = g.getBBox();
              const badge = document.createElementNS("http://www.w3.org/2000/svg", "text");
              badge.setAttribute("class", "badge");
              badge.setAttribute("x", box.x + box.width - 4);
              badge.setAttribute("y", box.y + box.height + 13);
              badge.setAttribute("text-anchor", "end");
              badge.textContent = "+" + hidden.length;
              g.appendChild(badge);
            });
          }
          document.getElementById("collapse").addEventListener("click", function () {
            if (!selected) return;
            const f = frame();
            if (f.collapsed.has(selected)) f.collapsed.delete(selected); else f.collapsed.add(selected);
            refreshCollapsed();
            select(selected);
          });

          // Search: every card whose text holds the words typed, in any order.
          let found = [];
          // The cards found, counted; listed too unless `quietly` (a new date keeps the query).
          function runSearch(quietly) {
            const words = fold(search.value).split(/\s+/).filter(function (w) { return w.length > 0; });
            results.textContent = "";
            found = [];
            if (!words.length) { count.textContent = ""; return; }
            const f = frame();
            for (let i = 0; i < f.texts.length; i++) {
              if (words.every(function (w) { return f.texts[i].indexOf(w) >= 0; })) found.push(f.cards[i]);
            }
            count.textContent = found.length === 1 ? "1 card" : found.length + " cards";
            if (quietly === true) return;
            found.slice(0, 50).forEach(function (card) {
              const li = document.createElement("li");
              li.dataset.card = card.id;
              li.textContent = card.lines[0];
              const more = document.createElement("small");
              more.textContent = card.lines.slice(1).join(" · ");
              li.appendChild(more);
              results.appendChild(li);
            });
          }
          let pending = null;
          search.addEventListener("input", function () { clearTimeout(pending); pending = setTimeout(runSearch, 120); });
          search.addEventListener("keydown", function (event) {
            if (event.key === "Enter") {
              clearTimeout(pending);
              runSearch();
              if (found.length) choose(found[0].id);
            } else if (event.key === "Escape") {
              search.value = "";
              runSearch();
            }
          });
          results.addEventListener("click", function (event) {
            const li = event.target.closest("li");
            if (li) choose(li.dataset.card);
          });
          function choose(id) {
            results.textContent = "";
            jumpTo(id);
            select(id);
          }
          document.addEventListener("keydown", function (event) {
            if (event.key === "/" && document.activeElement !== search) { event.preventDefault(); search.focus(); }
          });

          // The date control: one frame at a time, with the changes of its step.
          function show(number) {
            if (number < 0 || number >= sections.length) return;
            clearMarks();
            details.hidden = true;
            selected = null;
            sections.forEach(function (section, i) { section.hidden = i !== number; });
            current = number;
            const label = document.getElementById("date-label");
            if (label) label.textContent = data.frames[number].label;
            const date = document.getElementById("date");
            if (date) date.value = String(number);
            const list = document.getElementById("change-list");
            list.textContent = "";
            data.frames[number].changes.forEach(function (group) {
              const heading = document.createElement("li");
              heading.className = "heading";
              heading.textContent = group.heading;
              const inner = document.createElement("ul");
              group.lines.forEach(function (text) {
                const li = document.createElement("li");
                li.textContent = text;
                li.className = text[0] === "+" ? "added" : text[0] === "-" ? "removed" : text[0] === "→" || text[0] === "⇐" || text[0] === "⇒" ? "moved" : "changed";
                inner.appendChild(li);
              });
              heading.appendChild(inner);
              list.appendChild(heading);
            });
            changes.hidden = data.frames[number].changes.length === 0;
            runSearch(true);
            fit();
          }
          const date = document.getElementById("date");
          if (date) {
            date.addEventListener("input", function () { show(Number(date.value)); });
            document.getElementById("prev").addEventListener("click", function () { show(current - 1); });
            document.getElementById("next").addEventListener("click", function () { show(current + 1); });
          }
          show(current);
          document.body.dataset.ready = "true";
        })();

        """#
}
