/* The exercise app on a book page (book/_ext/inbrowser.py writes the control; the text comes from
 * casebook/strings via the control's JSON). "Start the exercises" shows the page's exercises inside
 * the page: the in-browser site's notebook page in a frame, in app mode (tools/lite_app/), which tells
 * this page how far it has got and how tall it is.
 *
 * To be quick, the frame starts loading, unseen, at the reader's first sign of activity on the page
 * (a key, a touch, the pointer moving), so that Python is often ready by the time they click. */
(function () {
  "use strict";
  const control = document.querySelector(".cb-lite");
  if (!control) return;
  const strings = JSON.parse(control.querySelector(".cb-lite-strings").textContent);
  const button = control.querySelector(".cb-lite-start");
  const progress = control.querySelector(".cb-lite-progress");
  const bar = control.querySelector(".cb-lite-bar");
  const status = control.querySelector(".cb-lite-status");
  let frame = null;
  let shown = false;
  let stage = { casebook: "none" };

  // A page opened from a file cannot run the app (its drive needs a service worker, served over http).
  if (window.location.protocol === "file:") {
    button.disabled = true;
    progress.hidden = false;
    bar.hidden = true;
    status.textContent = strings.from_file;
    return;
  }

  function say(message) {
    const percent = { app: 10, notebook: 20, kernel: 30, ready: 100 };
    let value = percent[message.casebook];
    let text = strings[message.casebook];
    if (message.casebook === "running") {
      value = 35 + Math.round(65 * message.done / Math.max(1, message.total));
      text = text.replace("{done}", message.done).replace("{total}", message.total);
    }
    if (value !== undefined) bar.value = value;
    if (text && status.textContent !== text) status.textContent = text;
  }

  function load() {
    if (frame) return frame;
    frame = document.createElement("iframe");
    frame.className = "cb-lite-frame cb-lite-unseen";
    frame.title = control.dataset.frameTitle;
    frame.src = control.dataset.app;
    control.after(frame);
    return frame;
  }

  // The rest of the page's text is the notebook's own, which the app shows again with its exercises.
  function hideTheText() {
    let node = control.nextElementSibling;
    for (; node; node = node.nextElementSibling) {
      if (node !== frame) node.hidden = true;
    }
    let section = control.parentElement;
    for (node = section && section.nextElementSibling; node; node = node.nextElementSibling) node.hidden = true;
  }

  function reveal() {
    frame.classList.remove("cb-lite-unseen");
  }

  window.addEventListener("message", (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== window.location.origin) return;
    const message = event.data || {};
    if (message.casebook === "height") {
      frame.style.height = `${Math.max(400, message.height)}px`;
      return;
    }
    if (!message.casebook) return;
    stage = message;
    if (shown) {
      say(message);
      if (message.casebook === "ready" || message.casebook === "failed") reveal();
    }
  });

  button.addEventListener("click", () => {
    if (shown) return;
    shown = true;
    load();
    hideTheText();
    progress.hidden = false;
    say(stage.casebook === "none" ? { casebook: "app" } : stage);
    if (stage.casebook === "ready" || stage.casebook === "failed") reveal();
  });

  // Once the app shows the text, the page's own links to its sections (the "Contents" beside it) lead
  // to the same heading inside the app.
  const headingText = (heading) => heading.textContent.replace(/[#¶]/g, "").trim();
  document.addEventListener("click", (event) => {
    const link = shown && event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || control.contains(link)) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || !target.closest("[hidden]")) return;
    const heading = target.matches("h1, h2, h3, h4") ? target : target.querySelector("h1, h2, h3, h4");
    const inside = frame.contentDocument;
    const match = heading && inside && [...inside.querySelectorAll(".jp-RenderedMarkdown :is(h1, h2, h3, h4)")]
      .find((candidate) => headingText(candidate) === headingText(heading));
    if (!match) return;
    event.preventDefault();
    const top = frame.getBoundingClientRect().top + match.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top: Math.max(0, top - 80) });
  });

  const early = ["pointermove", "pointerdown", "keydown", "touchstart", "focusin"];
  const preload = () => {
    early.forEach((name) => window.removeEventListener(name, preload, true));
    load();
  };
  early.forEach((name) => window.addEventListener(name, preload, { capture: true, passive: true }));
})();
