import { h, json } from "./dom.js";
import { executionView } from "./execution-page.js";
import { executionsView, mailView } from "./lists.js";
import { orderView } from "./order-form.js";

const view = document.getElementById("view");
let rendering = Promise.resolve();

/** The view the hash names: `#/order`, `#/executions`, `#/executions/<arn>`, `#/mail`. */
function render({ live = false } = {}) {
  const [, section = "order", id] = location.hash.split("/");
  for (const link of document.querySelectorAll("[data-nav]"))
    link.classList.toggle("active", link.dataset.nav === section);
  // The order form keeps what the user typed; only the other views refresh on changes.
  if (live && section === "order") return;
  rendering = rendering.then(async () => {
    try {
      if (section === "executions" && id) await executionView(view, decodeURIComponent(id));
      else if (section === "executions") await executionsView(view);
      else if (section === "mail") await mailView(view);
      else await orderView(view);
    } catch (error) {
      view.replaceChildren(h("p.error", {}, `Could not load this view: ${error.message}`));
    }
    const { mails } = await json("/console/api/mails").catch(() => ({ mails: [] }));
    document.getElementById("mail-count").textContent = mails.length > 0 ? `(${mails.length})` : "";
  });
}

window.addEventListener("hashchange", () => {
  // Another view starts at its top; live refreshes keep the reader where they are.
  window.scrollTo(0, 0);
  render();
});
const changes = new EventSource("/console/api/changes");
changes.addEventListener("open", () => document.getElementById("live").classList.add("on"));
changes.addEventListener("error", () => document.getElementById("live").classList.remove("on"));
changes.addEventListener("message", () => render({ live: true }));
render();
