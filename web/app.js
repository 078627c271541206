// verdict's page: progressive enhancement of the forms. Everything here has a no-JavaScript
// path (the quick form posts to /quick) or a CLI equivalent; nothing is fetched from elsewhere.
"use strict";

const $ = (sel) => document.querySelector(sel);

function text(tag, s, cls) {
  const e = document.createElement(tag);
  e.textContent = s;
  if (cls) e.className = cls;
  return e;
}

async function post(path, body) {
  const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const type = r.headers.get("Content-Type") || "";
  const data = type.startsWith("application/json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(data.error || String(data));
  return data;
}

// The quick verdict: the server renders the same page body as /quick.
$("#quick-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const q = new URLSearchParams(f).toString();
  const r = await fetch("/quick?" + q);
  const html = await r.text();
  const doc = new DOMParser().parseFromString(html, "text/html");
  const main = doc.querySelector("#quick-result");
  $("#quick-result").replaceChildren(...(main ? Array.from(main.childNodes) : [text("p", "no answer", "error")]));
});

// The full profile: the form becomes the same JSON a YAML profile would hold.
const kinds = Array.from($("#q-building").options).map((o) => o.value);
for (const k of kinds) $("#profile-form select[name=building]").append(new Option(k, k));

function profileFromForm() {
  const p = {};
  for (const el of $("#profile-form").elements) {
    if (!el.name || el.tagName === "BUTTON" || el.tagName === "FIELDSET") continue;
    let v;
    if (el.type === "checkbox") v = el.checked;
    else if (el.value === "") continue;
    else if (el.type === "number") v = Number(el.value);
    else v = el.value;
    const path = el.name.split(".");
    let o = p;
    for (let i = 0; i < path.length - 1; i++) o = o[path[i]] = o[path[i]] || {};
    o[path[path.length - 1]] = v;
  }
  if (p.stage === "new") { delete p.current_language; delete p.pain; }
  // one reuses entry in the form; the profile holds a list
  if (p.reuse && p.reuse.language) p.reuses = [p.reuse];
  delete p.reuse;
  return p;
}

$("#profile-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("#profile-error").textContent = "";
  try {
    const html = await post("/api/decide?format=html", profileFromForm());
    $("#profile-result").innerHTML = html; // server-rendered, escaped, no scripts
  } catch (e) {
    $("#profile-error").textContent = e.message;
  }
});

function money(e) { return "$" + Math.round(e.usd_per_year).toLocaleString("en-US") + " (" + Math.round(e.low).toLocaleString("en-US") + "–" + Math.round(e.high).toLocaleString("en-US") + ")"; }

$("#cost").addEventListener("click", async () => {
  $("#profile-error").textContent = "";
  try {
    const r = await post("/api/cost", profileFromForm());
    const parts = r.components ? r.components : [{ name: r.name || "", costs: r.costs }];
    const out = [];
    for (const part of parts) {
      const t = document.createElement("table");
      t.className = "costs";
      t.append(Object.assign(document.createElement("caption"), { textContent: (part.name ? part.name + ": " : "") + "per year, averaged over " + part.costs.years + " years" }));
      const head = t.insertRow(); for (const h of ["", "Go", "Rust"]) head.append(text("th", h));
      for (const k of ["ci", "hiring", "onboarding", "infrastructure", "total"]) {
        const row = t.insertRow();
        row.append(text("td", k), text("td", money(part.costs[k].go)), text("td", money(part.costs[k].rust)));
      }
      out.push(t);
    }
    $("#cost-result").replaceChildren(...out);
  } catch (e) {
    $("#profile-error").textContent = e.message;
  }
});

// The evidence browser.
let claims = [];
function showClaims() {
  const f = $("#claim-filter").value.toLowerCase();
  const t = document.createElement("table");
  const head = t.insertRow();
  for (const h of ["claim", "figure", "what it says", "source"]) head.append(text("th", h));
  for (const c of claims) {
    const hay = (c.id + " " + c.says + " " + c.criterion).toLowerCase();
    if (f && !hay.includes(f)) continue;
    const row = t.insertRow();
    const fig = "value" in c ? c.value + " " + c.unit : "low" in c ? c.low + "–" + c.high + " " + c.unit : "";
    row.append(text("td", c.id), text("td", fig), text("td", c.says), text("td", c.source.title + " (" + c.source.by + ")" + (c.evidence === "assumption" ? " — assumption" : "")));
  }
  $("#claims").replaceChildren(t);
}
$("#claim-filter").addEventListener("input", showClaims);
fetch("/api/claims").then((r) => r.json()).then((d) => {
  claims = d.claims;
  showClaims();
  const list = document.createElement("ul");
  for (const k of d.conflicts) {
    const li = text("li", k.topic + ": " + k.note);
    list.append(li);
  }
  $("#conflicts").replaceChildren(list);
});

// Measurements, when the server was given some.
fetch("/results").then((r) => (r.ok ? r.text() : null)).then((svg) => {
  if (svg) $("#results").innerHTML = svg; // generated by the server from numbers only
});
