/** `h("tag.class#id", { attr: value, onclick }, ...children)`: a tiny element builder; strings become text. */
export function h(spec, props = {}, ...children) {
  const [head, id] = spec.split("#");
  const [tag, ...classes] = head.split(".");
  const element = document.createElement(tag || "div");
  if (classes.length > 0) element.className = classes.join(" ");
  if (id) element.id = id;
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key === "value") element.value = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function money({ amount, currency }) {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export function badge(status) {
  return h(`span.badge.${String(status ?? "none").toLowerCase()}`, {}, status ?? "—");
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "—";
}

/** JSON from the local cloud; a failed answer throws its `message` or problem `detail`. */
export async function json(url, options = {}) {
  const response = await fetch(url, {
    ...options,
    headers: { "content-type": "application/json", ...(options.headers ?? {}) },
  });
  const text = await response.text();
  const body = text === "" ? null : JSON.parse(text);
  if (!response.ok) {
    const error = new Error(body?.detail ?? body?.message ?? `${response.status} ${response.statusText}`);
    error.body = body;
    throw error;
  }
  return body;
}
