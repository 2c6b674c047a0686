// planwatch dashboard: small progressive enhancement, no framework, nothing from the internet.
// Without this script every highlighted number is still a link to its record page.
(function () {
  "use strict";
  var panel = document.getElementById("record-panel");
  if (!panel) return;
  var body = panel.querySelector(".body");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);  // always text, never HTML
    if (cls) e.className = cls;
    return e;
  }

  function show(data) {
    body.textContent = "";
    var h = el("h3", data.label || (data.kind + " #" + data.id));
    h.id = "record-title";
    body.appendChild(h);
    var dl = el("dl");
    Object.keys(data.record || {}).forEach(function (k) {
      var v = data.record[k];
      if (v === null || v === undefined || v === "") return;
      dl.appendChild(el("dt", k, "muted small"));
      dl.appendChild(el("dd", typeof v === "object" ? JSON.stringify(v) : v));
    });
    body.appendChild(dl);
    if (data.quote) { body.appendChild(el("blockquote", data.quote)); }
    var used = data.used_by || [];
    body.appendChild(el("h4", panel.dataset.usedBy || "Used by"));
    var ul = el("ul");
    if (!used.length) ul.appendChild(el("li", "—", "muted"));
    used.forEach(function (u) {
      var li = el("li");
      var a = el("a", u.label);
      a.href = u.href;
      li.appendChild(a);
      ul.appendChild(li);
    });
    body.appendChild(ul);
    var link = el("a", panel.dataset.open || "Open");
    link.href = "/records/" + data.kind + "/" + data.id;
    link.id = "record-link";
    link.className = "small";
    body.appendChild(link);
  }

  function open(a) {
    document.querySelectorAll(".x.active").forEach(function (n) { n.classList.remove("active"); });
    a.classList.add("active");
    fetch(a.getAttribute("data-api"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) { show(data); panel.scrollIntoView({ block: "nearest" }); })
      .catch(function () { window.location = a.getAttribute("data-href"); });
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest(".x");
    if (!a || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault();
    open(a);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var a = ev.target.closest && ev.target.closest(".x");
    if (!a) return;
    ev.preventDefault();
    open(a);
  });
})();
