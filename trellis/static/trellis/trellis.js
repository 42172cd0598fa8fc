/* Trellis: the little the pages do with JavaScript, served by the app itself (no CDN).
 *
 * 1. Confirm before an irreversible action. Any <form data-confirm="Question?"> asks its
 *    question in a real <dialog> (the question is the dialog's label, focus moves into it,
 *    Escape cancels) with two buttons, "Cancel" and the action's own label (the submit
 *    button's text, or data-confirm-action="…" on the form), and submits only on yes.
 *    htmx forms go through the same dialog (the confirmed form is submitted again, and
 *    htmx sends it), and so does any element with hx-confirm. Without JavaScript the
 *    form simply submits, as before.
 * 2. The phone menu is a <details>: it works without JavaScript; here it only keeps
 *    aria-expanded on its <summary> in step, for assistive technology that wants it.
 */
(function () {
  "use strict";

  let dialog = null;

  function buildDialog() {
    const element = document.createElement("dialog");
    element.className = "confirm-dialog";
    element.setAttribute("aria-labelledby", "confirm-question");
    element.innerHTML =
      '<form method="dialog">' +
      '<p id="confirm-question" class="confirm-question"></p>' +
      '<div class="actions">' +
      '<button type="submit" value="cancel" class="button secondary">Cancel</button>' +
      '<button type="submit" value="confirm" class="button danger confirm-action"></button>' +
      "</div></form>";
    document.body.appendChild(element);
    return element;
  }

  /* Ask `question`; call `onConfirm` only if the person chooses `actionLabel`. */
  function ask(question, actionLabel, onConfirm) {
    if (typeof HTMLDialogElement !== "function") {
      if (window.confirm(question)) onConfirm();
      return;
    }
    dialog = dialog || buildDialog();
    const opener = document.activeElement;
    dialog.querySelector(".confirm-question").textContent = question;
    dialog.querySelector(".confirm-action").textContent = actionLabel;
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      function () {
        if (dialog.returnValue === "confirm") {
          onConfirm();
        } else if (opener && typeof opener.focus === "function") {
          opener.focus(); // back where the person was, nothing done
        }
      },
      { once: true },
    );
    dialog.showModal();
    // Cancel is the safe default: Enter on the open dialog does nothing irreversible.
    dialog.querySelector('button[value="cancel"]').focus();
  }

  /* The confirming button says what will happen: data-confirm-action="…", else the
     label of the button that was pressed. */
  function labelOf(form, submitter) {
    const named = form.getAttribute("data-confirm-action");
    if (named) return named;
    const text = submitter && (submitter.textContent || submitter.value);
    return (text || "Continue").trim();
  }

  // Capturing on window runs before htmx's listener on the form, so an htmx form waits
  // for the answer too; the confirmed submit is marked and let through.
  window.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) return;
      if (form.dataset.confirmed === "yes") {
        delete form.dataset.confirmed;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter || null;
      ask(form.getAttribute("data-confirm"), labelOf(form, submitter), function () {
        form.dataset.confirmed = "yes";
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit(submitter);
        } else {
          form.submit();
        }
      });
    },
    true,
  );

  // hx-confirm="…" anywhere asks through the same dialog instead of window.confirm.
  document.addEventListener("htmx:confirm", function (event) {
    const question = event.detail && event.detail.question;
    if (!question) return;
    event.preventDefault();
    const element = event.detail.elt;
    const submitter = element instanceof HTMLFormElement ? element.querySelector("[type=submit]") : element;
    const label = element instanceof HTMLFormElement ? labelOf(element, submitter) : labelOf(element, element);
    ask(question, label, function () {
      event.detail.issueRequest(true);
    });
  });

  function syncDisclosures() {
    document.querySelectorAll("details[data-disclosure]").forEach(function (details) {
      const summary = details.querySelector("summary");
      const sync = function () {
        summary.setAttribute("aria-expanded", details.open ? "true" : "false");
      };
      sync();
      details.addEventListener("toggle", sync);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", syncDisclosures);
  } else {
    syncDisclosures();
  }
})();
