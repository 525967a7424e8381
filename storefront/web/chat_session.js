// Chat session state for the widget, without any DOM: sender id, transcript and the
// outgoing message queue, all kept in localStorage so a reload loses nothing.
// Messages are sent one at a time, in order. A network error or a 5xx (and 408/429) is
// retried with backoff (1 s, 2 s, 4 s ... 30 s), the message staying at the head of the
// queue until it succeeds. Any other 4xx means the message itself was refused: resending
// it would fail the same way forever, so it is dropped and the server's reason is shown.

const SENDER_KEY = "assistant.sender";
const TRANSCRIPT_KEY = "assistant.transcript";
const QUEUE_KEY = "assistant.queue";
const CUSTOMER_KEY = "assistant.customer"; // written by the store's customer picker
const MAX_TRANSCRIPT = 200; // older entries are dropped to stay inside storage quota
const REQUEST_TIMEOUT_MS = 90_000; // a stuck request is abandoned and retried
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export const RETRY_STATUS = "The assistant is unavailable right now — retrying…";
const RETRYABLE_4XX = new Set([408, 429]); // timeout / rate limit: the same request can succeed later

function readJson(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback; // storage disabled or corrupt: start clean
  }
}

function writeStored(key, value) {
  try {
    localStorage.setItem(key, typeof value === "string" ? value : JSON.stringify(value));
  } catch {
    /* storage disabled or full: the session still works, it just won't survive a reload */
  }
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, so fall back. */
export function newSenderId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readString(key) {
  try {
    return localStorage.getItem(key) || "";
  } catch {
    return "";
  }
}

/** The demo store's login: the customer picked on its page (signed by the storefront). */
function demoIdentity() {
  const customerId = currentCustomerId();
  return customerId ? { customer_id: customerId } : {};
}

/** The customer chosen in the store's picker; "" for Guest. */
export function currentCustomerId() {
  return readString(CUSTOMER_KEY);
}

function newEntryId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Turn one Rasa REST bot message into a transcript entry, or null if it has nothing to show. */
function toBotEntry(message) {
  if (!message || typeof message !== "object") return null;
  const entry = { role: "bot" };
  if (typeof message.text === "string" && message.text !== "") entry.text = message.text;
  if (Array.isArray(message.buttons)) {
    const buttons = message.buttons
      .filter((b) => b && typeof b.payload === "string")
      .map((b) => ({ title: String(b.title ?? b.payload), payload: b.payload }));
    if (buttons.length) entry.buttons = buttons;
  }
  if (message.custom && typeof message.custom === "object") entry.custom = message.custom;
  return Object.keys(entry).length > 1 ? entry : null;
}

/** The "error" text of a refused request's JSON body, or a generic line naming the status. */
async function refusalReason(response) {
  try {
    const body = await response.json();
    if (typeof body?.error === "string" && body.error.trim()) {
      return `Sorry, that message couldn't be sent: ${body.error.trim()}.`;
    }
  } catch {
    /* not JSON: fall through to the generic line */
  }
  return `Sorry, that message couldn't be sent (HTTP ${response.status}).`;
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

export class ChatSession {
  /**
   * @param {object} hooks
   * @param {(entry: object) => void} hooks.onEntry a transcript entry was added
   * @param {() => void} hooks.onReset the conversation was cleared
   * @param {(busy: boolean) => void} hooks.onBusy a request started / finished
   * @param {(text: string) => void} hooks.onStatus status line text ("" clears it)
   * @param {(entryId: string) => void} hooks.onDelivered a queued user message got its answer
   * @param {(entryId: string) => void} hooks.onRefused the server refused a queued user message
   * @param {object} [options]
   * @param {string} [options.endpoint] the chat URL (the assistant's origin when embedded)
   * @param {() => object} [options.identity] who the shopper is, read at each send: a signed
   *   {customer_token} from the store's page, else the demo picker's {customer_id}, else {}
   */
  constructor(hooks, { endpoint = "/api/chat", identity = demoIdentity } = {}) {
    this.hooks = hooks;
    this.endpoint = endpoint;
    this.identity = identity;
    this.sender = readString(SENDER_KEY);
    this.transcript = readJson(TRANSCRIPT_KEY, []);
    this.queue = readJson(QUEUE_KEY, []);
    if (!this.sender) this.sender = this._newSender();
    if (!Array.isArray(this.transcript)) this.transcript = [];
    if (!Array.isArray(this.queue)) this.queue = [];
    this.pumping = false;
    // Aborted on reset (drops in-flight work of the old conversation) and used to cut a
    // retry wait short when the browser comes back online.
    this.generation = new AbortController();
    this.wake = new AbortController();
    window.addEventListener("online", () => this.wake.abort());
  }

  /** Resume sending anything left queued from before a reload. */
  start() {
    this._pump();
  }

  /** Start a new conversation: new sender id, empty transcript, nothing queued. */
  reset() {
    this.generation.abort();
    this.generation = new AbortController();
    this.wake.abort();
    this.sender = this._newSender();
    this.transcript = [];
    this.queue = [];
    this.save();
    this.hooks.onBusy(false);
    this.hooks.onStatus("");
    this.hooks.onReset();
  }

  /**
   * Queue a message for the bot and show `display` as the user's bubble.
   * @param {string} message text or intent payload, e.g. '/accept{"position": 2}'
   * @param {string} [display] what the transcript shows; defaults to the message
   * @param {object} [metadata] extra metadata sent with this message
   */
  send(message, display = message, metadata = {}) {
    const entryId = newEntryId();
    this.queue.push({ message, metadata: { ...metadata }, entryId });
    this.record({ id: entryId, role: "user", text: display });
    this._pump();
  }

  /** Whether the user message of this transcript entry is still waiting to be delivered. */
  isPending(entryId) {
    return this.queue.some((item) => item.entryId === entryId);
  }

  /** Append an entry to the transcript, persist it and tell the view. */
  record(entry) {
    entry.id ??= newEntryId();
    this.transcript.push(entry);
    if (this.transcript.length > MAX_TRANSCRIPT) {
      this.transcript.splice(0, this.transcript.length - MAX_TRANSCRIPT);
    }
    this.save();
    this.hooks.onEntry(entry);
  }

  /** Persist everything; call after mutating an entry in place (e.g. feedback given). */
  save() {
    writeStored(SENDER_KEY, this.sender);
    writeStored(TRANSCRIPT_KEY, this.transcript);
    writeStored(QUEUE_KEY, this.queue);
  }

  _newSender() {
    const sender = newSenderId();
    writeStored(SENDER_KEY, sender);
    return sender;
  }

  async _pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      let failures = 0;
      while (this.queue.length) {
        const generation = this.generation.signal;
        const item = this.queue[0];
        this.hooks.onBusy(true);
        const result = await this._post(item, generation);
        if (generation.aborted) { failures = 0; continue; } // reset happened meanwhile
        if (result.retry) {
          this.hooks.onBusy(false);
          this.hooks.onStatus(RETRY_STATUS);
          const delay = Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS);
          failures += 1;
          if (this.wake.signal.aborted) this.wake = new AbortController();
          await sleep(delay, this.wake.signal); // reset() also wakes it
          continue;
        }
        failures = 0;
        this.hooks.onStatus("");
        this.queue.shift();
        if (result.refused !== undefined) {
          this._markRefused(item.entryId);
          this.hooks.onRefused(item.entryId);
          this.record({ role: "bot", notice: true, text: result.refused });
          continue;
        }
        this.save();
        this.hooks.onDelivered(item.entryId);
        for (const message of result.messages) {
          const entry = toBotEntry(message);
          if (entry) this.record(entry);
        }
      }
    } finally {
      this.pumping = false;
      this.hooks.onBusy(false);
    }
  }

  /** Flag the transcript entry of a refused user message, so a reload still shows it. */
  _markRefused(entryId) {
    const entry = this.transcript.find((e) => e.id === entryId);
    if (entry) entry.refused = true;
    this.save();
  }

  /**
   * POST one queued message. Resolves to {messages} on success, {refused: reason} when the
   * server rejected the message itself (a 4xx other than 408/429), or {retry: true}.
   */
  async _post(item, generation) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    const onReset = () => controller.abort();
    generation.addEventListener("abort", onReset, { once: true });
    try {
      const response = await fetch(this.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        // Identity is added as the message leaves (never stored in the queue): a token the store
        // refreshed since the message was queued is the one that counts.
        body: JSON.stringify({
          sender: this.sender, message: item.message, metadata: { ...item.metadata, ...this.identity() },
        }),
        signal: controller.signal,
      });
      if (response.status >= 400 && response.status < 500 && !RETRYABLE_4XX.has(response.status)) {
        return { refused: await refusalReason(response) };
      }
      if (!response.ok) {
        console.warn(`Assistant answered HTTP ${response.status}`);
        return { retry: true };
      }
      const body = await response.json();
      if (Array.isArray(body)) return { messages: body }; // a bare Rasa REST channel answer
      return { messages: Array.isArray(body?.messages) ? body.messages : [] };
    } catch (error) {
      if (!generation.aborted) console.warn("Assistant request failed:", error);
      return { retry: true };
    } finally {
      clearTimeout(timer);
      generation.removeEventListener("abort", onReset);
    }
  }
}
