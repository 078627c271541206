// verdict's page: progressive enhancement only. Every form works without this script (it posts
// and the server answers with a page); with it, the answer (#result of that page) appears in
// place. Nothing is fetched from anywhere but this server, and no text is evaluated as code.
"use strict";

function message(text) {
  const p = document.createElement("p");
  p.className = "error";
  p.setAttribute("role", "alert");
  p.textContent = text;
  return p;
}

// Fetches a page of this server and returns the element with the given id in it, or null.
async function fetchPart(url, options, id) {
  const r = await fetch(url, options);
  const doc = new DOMParser().parseFromString(await r.text(), "text/html");
  return doc.getElementById(id);
}

// Forms with data-result: post, then show the answer in the element data-result names.
for (const form of document.querySelectorAll("form[data-result]")) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const target = document.querySelector(form.dataset.result);
    const button = form.querySelector("button[type=submit]");
    target.setAttribute("aria-busy", "true");
    if (button) button.disabled = true;
    try {
      const body = new URLSearchParams(new FormData(form));
      const result = await fetchPart(form.action, { method: "POST", body }, "result");
      target.replaceChildren(...(result ? Array.from(result.childNodes) : [message("The server sent no answer.")]));
    } catch (e) {
      target.replaceChildren(message("The server could not be reached: " + e.message));
    } finally {
      target.removeAttribute("aria-busy");
      if (button) button.disabled = false;
    }
    if (target.getBoundingClientRect().top > window.innerHeight * 0.6) target.scrollIntoView({ block: "start", behavior: "smooth" });
  });
}

// The evidence browser: searching and paging replace the list, not the page.
const browser = document.getElementById("evidence-browser");
if (browser) {
  const input = browser.querySelector("input[name=q]");
  let pending = null;
  const show = async (q, page) => {
    const url = "/evidence?q=" + encodeURIComponent(q) + "&page=" + page;
    try {
      const list = await fetchPart(url, {}, "claims-list");
      if (list) document.getElementById("claims-list").replaceWith(list);
    } catch (e) {
      document.getElementById("claims-list").replaceChildren(message("The server could not be reached: " + e.message));
    }
  };
  browser.addEventListener("submit", (ev) => {
    ev.preventDefault();
    show(input.value, 1);
  });
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(() => show(input.value, 1), 200);
  });
  browser.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.pager-link");
    if (!a) return;
    ev.preventDefault();
    const u = new URL(a.href);
    show(u.searchParams.get("q") || "", u.searchParams.get("page") || "1");
  });
  // a citation anywhere on the page opens its claim here
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.cite");
    if (!a || !a.getAttribute("href").startsWith("/evidence?")) return;
    ev.preventDefault();
    const q = new URL(a.href).searchParams.get("q") || "";
    input.value = q;
    show(q, 1).then(() => document.getElementById("evidence").scrollIntoView({ block: "start" }));
  });
}
