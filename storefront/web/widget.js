// Chat widget: launcher button + panel in the bottom-right corner.
// Session state, queueing and retries live in chat_session.js; this file only draws.
// Every string from the server is inserted with textContent, never innerHTML.
// embed.js mounts it in a shadow root on any page; imports are relative to this file, so they
// come from the assistant's origin whatever page loads it.
import { ChatSession } from "./chat_session.js";
import { categoryLeaf, createProductImage, el, formatPrice } from "./product_view.js";

const OPEN_KEY = "assistant.open"; // "1" / "0"; unset means open on wide screens only
const WIDE_SCREEN = "(min-width: 900px)";

// Card actions: the intent sent to the bot, and the bubble the transcript shows instead.
const CARD_ACTIONS = {
  why: { intent: "ask_why", bubble: (n) => `Why item ${n}?` },
  up: { intent: "accept", bubble: (n) => `👍 item ${n}` },
  down: { intent: "reject", bubble: (n) => `👎 item ${n}` },
  cart: { intent: "add_to_cart", bubble: (n) => `Add item ${n} to cart` },
};

function button(className, text, label) {
  const b = el("button", className, text);
  b.type = "button";
  if (label) b.setAttribute("aria-label", label);
  return b;
}

// ---- skeleton ----------------------------------------------------------------------

function buildWidget(root) {
  const launcher = button("chat-launcher", "", "Open shopping assistant");
  launcher.id = "chat-launcher";
  launcher.setAttribute("aria-controls", "chat-panel");
  launcher.setAttribute("aria-expanded", "false");
  launcher.append(el("span", "chat-launcher-icon", "💬"), el("span", "chat-launcher-text", "Ask our assistant"));
  launcher.firstChild.setAttribute("aria-hidden", "true");

  const panel = el("section", "chat-panel");
  panel.id = "chat-panel";
  panel.setAttribute("aria-labelledby", "chat-title");
  panel.hidden = true;

  const header = el("header", "chat-header");
  const title = el("h2", "chat-title", "Shopping assistant");
  title.id = "chat-title";
  const newChat = button("chat-new link-button", "New chat", "Start a new chat");
  newChat.id = "chat-new";
  const close = button("chat-close", "×", "Close assistant");
  close.id = "chat-close";
  header.append(title, newChat, close);

  const status = el("div", "chat-status");
  status.id = "chat-status";
  status.setAttribute("role", "status");

  const list = el("ol", "chat-messages");
  list.id = "chat-messages";
  list.setAttribute("role", "log"); // a log: new messages are announced, politely
  list.setAttribute("aria-live", "polite");
  list.setAttribute("aria-label", "Conversation");

  const form = el("form", "chat-form");
  form.id = "chat-form";
  const label = el("label", "visually-hidden", "Message the shopping assistant");
  label.htmlFor = "chat-input";
  const input = el("input", "chat-input");
  Object.assign(input, { id: "chat-input", type: "text", autocomplete: "off", maxLength: 1000 });
  input.placeholder = "Ask for a product, a gift idea…";
  const send = el("button", "chat-send", "Send");
  Object.assign(send, { id: "chat-send", type: "submit" });
  form.append(label, input, send);

  panel.append(header, status, list, form);
  root.append(launcher, panel);
  return { launcher, panel, newChat, close, status, list, form, input };
}

// ---- the widget --------------------------------------------------------------------

class ChatWidget {
  /**
   * @param {HTMLElement} root where the launcher and panel are built
   * @param {object} options
   * @param {string} options.apiBase the assistant's origin ("" on its own pages)
   * @param {() => object} [options.identity] the shopper's identity metadata, read at each send
   * @param {string} options.locale BCP 47 locale for prices ("en-US", "de-DE")
   * @param {EventTarget} options.host where the page hears "assistant:add-to-cart" and
   *   "assistant:product-click" (the embed's host element; the events bubble out of the shadow root)
   */
  constructor(root, { apiBase = "", identity, locale = "en-US", host = root } = {}) {
    this.locale = locale;
    this.host = host;
    this.ui = buildWidget(root);
    this.session = new ChatSession({
      onEntry: (entry) => { this.renderEntry(entry); this.scrollToEnd(); },
      onReset: () => this.renderAll(),
      onBusy: (busy) => this.setTyping(busy),
      onStatus: (text) => { this.ui.status.textContent = text; },
      onDelivered: (entryId) => this.userBubble(entryId)?.classList.remove("is-pending"),
      onRefused: (entryId) => {
        const bubble = this.userBubble(entryId);
        bubble?.classList.remove("is-pending");
        bubble?.classList.add("is-refused");
      },
    }, { endpoint: `${apiBase}/api/chat`, ...(identity ? { identity } : {}) });
    this.typing = null;
    this.bindEvents();
    this.renderAll();
    this.setOpen(this.initiallyOpen(), { focus: false });
    this.session.start();
  }

  userBubble(entryId) {
    return this.ui.list.querySelector(`.msg-user[data-entry-id="${CSS.escape(entryId)}"]`);
  }

  initiallyOpen() {
    let saved = null;
    try { saved = localStorage.getItem(OPEN_KEY); } catch { /* storage disabled */ }
    if (saved === "1" || saved === "0") return saved === "1";
    return window.matchMedia(WIDE_SCREEN).matches;
  }

  setOpen(open, { focus = true } = {}) {
    const { launcher, panel, input } = this.ui;
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    try { localStorage.setItem(OPEN_KEY, open ? "1" : "0"); } catch { /* storage disabled */ }
    if (!focus) return;
    if (open) {
      input.focus();
      this.scrollToEnd();
    } else {
      launcher.focus();
    }
  }

  bindEvents() {
    const { launcher, panel, newChat, close, form, input } = this.ui;
    launcher.addEventListener("click", () => this.setOpen(true));
    close.addEventListener("click", () => this.setOpen(false));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.setOpen(false);
      }
    });
    newChat.addEventListener("click", () => {
      this.session.reset();
      input.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = "";
      this.session.send(text);
    });
    // The store's customer picker: a new customer means a new conversation.
    document.addEventListener("assistant:customer-change", () => this.session.reset());
  }

  // ---- rendering ---------------------------------------------------------------------

  renderAll() {
    const { list } = this.ui;
    list.replaceChildren();
    this.typing = null;
    if (!this.session.transcript.length) {
      list.appendChild(el(
        "li",
        "chat-empty",
        "Hi! Tell me what you're looking for, for example “a birthday present for my " +
          "8-year-old nephew who loves science, under $40”.",
      ));
    }
    for (const entry of this.session.transcript) this.renderEntry(entry);
    this.scrollToEnd();
  }

  /** Append the list items for one transcript entry (before the typing indicator). */
  renderEntry(entry) {
    const { list } = this.ui;
    list.querySelector(".chat-empty")?.remove();
    const nodes = [];
    if (entry.role === "user") {
      const bubble = el("li", "msg msg-user", entry.text);
      bubble.dataset.entryId = entry.id;
      if (this.session.isPending(entry.id)) bubble.classList.add("is-pending");
      if (entry.refused) bubble.classList.add("is-refused");
      nodes.push(bubble);
    } else {
      if (entry.text || entry.buttons) {
        // A notice is the widget's own line (e.g. why a message was refused), not the bot's.
        const bubble = el("li", entry.notice ? "msg msg-bot msg-notice" : "msg msg-bot");
        if (entry.text) bubble.appendChild(el("p", "msg-text", entry.text));
        if (entry.buttons) bubble.appendChild(this.renderQuickReplies(entry));
        nodes.push(bubble);
      }
      const items = entry.custom?.items;
      if (entry.custom?.type === "recommendations" && Array.isArray(items) && items.length) {
        nodes.push(this.renderRecommendations(entry));
      }
      const evidence = entry.custom?.evidence;
      if (entry.custom?.type === "answer" && Array.isArray(evidence) && evidence.length) {
        nodes.push(this.renderEvidence(entry.custom));
      }
    }
    for (const node of nodes) list.insertBefore(node, this.typing);
  }

  renderQuickReplies(entry) {
    const group = el("div", "quick-replies");
    entry.buttons.forEach((choice, index) => {
      const b = button("quick-reply", choice.title);
      if (entry.chosen !== undefined) {
        b.disabled = true;
        if (entry.chosen === index) b.classList.add("is-chosen");
      }
      b.addEventListener("click", () => {
        entry.chosen = index;
        this.session.save();
        for (const other of group.children) other.disabled = true;
        b.classList.add("is-chosen");
        this.session.send(choice.payload, choice.title);
      });
      group.appendChild(b);
    });
    return group;
  }

  /** The listing's own words behind an answer, marked as quotes with the field they come from. */
  renderEvidence(answer) {
    const wrapper = el("li", "msg msg-bot msg-evidence");
    const title = answer.title ? ` of “${answer.title}”` : "";
    wrapper.appendChild(el("p", "evidence-label", `From the listing${title}:`));
    for (const quote of answer.evidence) {
      if (!quote || typeof quote.text !== "string") continue;
      const block = el("blockquote", "evidence-quote");
      block.appendChild(el("q", "evidence-text", quote.text)); // the browser adds the quotation marks
      if (typeof quote.field === "string") block.appendChild(el("cite", "evidence-field", quote.field));
      wrapper.appendChild(block);
    }
    return wrapper;
  }

  renderRecommendations(entry) {
    const { recommendation_id: recommendationId } = entry.custom;
    const items = entry.custom.items.map((item) => (item && typeof item === "object" ? item : {}));
    const wrapper = el("li", "msg-cards");
    const cards = el("ul", "product-cards");
    cards.setAttribute("aria-label", `${items.length} recommended product${items.length === 1 ? "" : "s"}`);
    items.forEach((item, index) => {
      cards.appendChild(this.renderCard(entry, item, index + 1, recommendationId));
    });
    wrapper.appendChild(cards);
    return wrapper;
  }

  /** Tell the host page (its own cart, its own product pages) what the shopper did. */
  announce(name, item, position, recommendationId) {
    this.host.dispatchEvent(new CustomEvent(name, {
      bubbles: true,
      composed: true, // out of the shadow root, to the page's own listeners
      detail: {
        product_id: String(item.product_id ?? ""), title: String(item.title ?? ""),
        price: typeof item.price === "number" ? item.price : null, currency: item.currency || null,
        recommendation_id: recommendationId ? String(recommendationId) : null, position,
      },
    }));
  }

  renderCard(entry, item, position, recommendationId) {
    const card = el("li", "product-card");
    card.dataset.productId = String(item.product_id ?? "");
    card.dataset.position = String(position);
    const title = item.title || "Untitled product";
    card.setAttribute("aria-label", `Item ${position}: ${title}`);

    const frame = createProductImage(item.image_url, title);
    const badge = el("span", "card-index", String(position));
    badge.setAttribute("aria-label", `Item ${position}`);
    frame.appendChild(badge);
    card.appendChild(frame);
    const body = el("div", "card-body");
    const leaf = categoryLeaf(item.category);
    if (leaf) body.appendChild(el("p", "card-category", leaf));
    const heading = el("h3", "card-title");
    const open = button("card-title-button", title, `View ${title}`);
    open.addEventListener("click", () => this.announce("assistant:product-click", item, position, recommendationId));
    heading.appendChild(open);
    body.appendChild(heading);
    const facets = [item.audience, item.colour].filter((f) => typeof f === "string" && f);
    if (facets.length) body.appendChild(el("p", "card-facets", facets.join(" · ")));
    body.appendChild(el("p", "card-price", formatPrice(item.price, item.currency, this.locale)));
    const reasons = Array.isArray(item.reasons) ? item.reasons.filter((r) => typeof r === "string" && r) : [];
    if (reasons.length) {
      const list = el("ul", "card-reasons");
      for (const reason of reasons) list.appendChild(el("li", "", reason));
      body.appendChild(list);
    }
    card.appendChild(body);

    const actions = el("div", "card-actions");
    const why = button("why-btn", "Why?", `Why item ${position}?`);
    const up = button("up-btn", "👍", `Thumbs up for item ${position}`);
    const down = button("down-btn", "👎", `Thumbs down for item ${position}`);
    const cart = button("cart-btn", "Add to cart", `Add item ${position} to cart`);
    actions.append(why, up, down, cart);
    card.appendChild(actions);

    const markFeedback = (kind) => {
      up.disabled = true;
      down.disabled = true;
      (kind === "up" ? up : down).classList.add("is-chosen");
      (kind === "up" ? up : down).setAttribute("aria-pressed", "true");
    };
    const given = entry.feedback?.[position];
    if (given) markFeedback(given);

    const act = (kind) => {
      const { intent, bubble } = CARD_ACTIONS[kind];
      if (kind === "up" || kind === "down") {
        entry.feedback = { ...entry.feedback, [position]: kind };
        this.session.save();
        markFeedback(kind);
      }
      // recommendation_id tells the server which list "item N" refers to.
      const metadata = recommendationId ? { recommendation_id: String(recommendationId) } : {};
      this.session.send(`/${intent}{"position": ${position}}`, bubble(position), metadata);
    };
    why.addEventListener("click", () => act("why"));
    up.addEventListener("click", () => act("up"));
    down.addEventListener("click", () => act("down"));
    cart.addEventListener("click", () => {
      act("cart"); // the assistant learns from it; the store's own cart adds it
      this.announce("assistant:add-to-cart", item, position, recommendationId);
    });
    return card;
  }

  setTyping(busy) {
    if (busy && !this.typing) {
      const indicator = el("li", "msg typing-bubble");
      indicator.id = "typing-indicator";
      indicator.appendChild(el("span", "visually-hidden", "The assistant is typing"));
      for (let i = 0; i < 3; i += 1) indicator.appendChild(el("span", "typing-dot"));
      this.ui.list.appendChild(indicator);
      this.typing = indicator;
      this.scrollToEnd();
    } else if (!busy && this.typing) {
      this.typing.remove();
      this.typing = null;
    }
  }

  scrollToEnd() {
    const { list } = this.ui;
    list.scrollTop = list.scrollHeight;
  }
}

/** Build the widget into `root` (see ChatWidget for the options); embed.js calls this. */
export function mountWidget(root, options) {
  return new ChatWidget(root, options);
}
