// @ts-check
// A tiny element builder. Text always goes in as text (never parsed as HTML), so patient data
// from a feed cannot inject markup or script.

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attributes
 */

/**
 * Creates an element.
 * @param {string} tag - element name, optionally with classes: `span.badge.badge-risk`
 * @param {Attributes | null} [attributes] - attributes; `on<event>` keys add listeners; false/null/undefined are left out
 * @param {...(Child | Child[])} children - text or nodes
 * @returns {HTMLElement}
 */
export function h(tag, attributes, ...children) {
  const [name = 'div', ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length > 0) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      element.className = [element.className, String(value)].filter(Boolean).join(' ');
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/**
 * Appends text or nodes, skipping empty values.
 * @param {Element} parent - where
 * @param {(Child | Child[])[]} children - what
 */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * Replaces an element's content.
 * @param {Element} parent - the element
 * @param {...(Child | Child[])} children - the new content
 */
export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * An element that must exist on the page.
 * @template {Element} T
 * @param {string} selector - CSS selector
 * @param {new () => T} type - the expected element type
 * @returns {T}
 */
export function required(selector, type) {
  const element = document.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`page is missing ${selector}`);
  return element;
}

/**
 * Several elements of one type that must exist on the page, in the order asked for.
 * @template {Element} T
 * @template {string[]} S
 * @param {new () => T} type - the expected element type of each
 * @param {[...S]} selectors - CSS selectors
 * @returns {{ [I in keyof S]: T }}
 */
export function requiredAll(type, selectors) {
  return /** @type {{ [I in keyof S]: T }} */ (selectors.map((selector) => required(selector, type)));
}

let toastTimer = 0;

/**
 * Shows a short confirmation at the bottom of the screen, also read out by screen readers.
 * @param {string} text - what happened
 */
export function toast(text) {
  let box = document.querySelector('.toast');
  if (!box) {
    box = h('div.toast', { role: 'status', 'aria-live': 'polite', hidden: true });
    document.body.append(box);
  }
  box.textContent = text;
  box.removeAttribute('hidden');
  window.clearTimeout(toastTimer);
  const shown = box;
  toastTimer = window.setTimeout(() => {
    shown.setAttribute('hidden', '');
  }, 3500);
}

/**
 * An event handler that runs async work: the browser ignores a handler's promise, so a rejection the
 * work did not handle itself is shown to the user instead of vanishing.
 * @template {Event} E
 * @param {(event: E) => Promise<void>} run - the work
 * @returns {(event: E) => void}
 */
export function asyncHandler(run) {
  return (event) => {
    run(event).catch((/** @type {unknown} */ error) => {
      toast(error instanceof Error ? error.message : 'Something went wrong');
    });
  };
}
