// Store page: customer picker, searchable product grid, and a cart fed by the assistant.
// The chat widget (embed.js, as on any store's page) reads the chosen customer from
// localStorage and listens for "assistant:customer-change" to start a new conversation; it
// tells the page about "Add to cart" and product clicks with the same DOM events a store's own
// page would handle ("assistant:add-to-cart", "assistant:product-click").
import { categoryLeaf, createProductImage, el, formatPrice } from "/static/product_view.js";

const CUSTOMER_KEY = "assistant.customer"; // "" (or absent) means Guest
const PAGE_SIZE = 48;
const SEARCH_DEBOUNCE_MS = 250;

const grid = document.getElementById("product-grid");
const gridStatus = document.getElementById("grid-status");
const searchForm = document.getElementById("search-form");
const searchInput = document.getElementById("search-input");
const customerSelect = document.getElementById("customer-select");
const cartCount = document.getElementById("cart-count");
const cartStatus = document.getElementById("cart-status");
const cart = []; // {product_id, title, price, currency}: the demo's cart lives in the page

function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: behave as a fresh visitor
  }
}

function writeStored(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage disabled or full: the choice just won't survive a reload */
  }
}

// ---- customer picker -------------------------------------------------------------

function addCustomerOption(id, label) {
  const option = el("option", "", label);
  option.value = id;
  customerSelect.appendChild(option);
}

function announceCustomer(customerId) {
  document.dispatchEvent(
    new CustomEvent("assistant:customer-change", { detail: { customerId } }),
  );
}

async function loadCustomers() {
  const saved = readStored(CUSTOMER_KEY) || "";
  let customers = null;
  try {
    const response = await fetch("/api/customers", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    customers = Array.isArray(body.customers) ? body.customers : [];
  } catch (error) {
    console.warn("Could not load customers:", error);
  }

  for (const customer of customers || []) {
    if (!customer || !customer.customer_id) continue;
    addCustomerOption(String(customer.customer_id), customer.name || customer.customer_id);
  }

  if (!saved) return;
  const known = (customers || []).some((c) => c && String(c.customer_id) === saved);
  if (known) {
    customerSelect.value = saved;
  } else if (customers === null) {
    // The list failed to load; keep showing who the conversation belongs to.
    addCustomerOption(saved, saved);
    customerSelect.value = saved;
  } else {
    // The saved customer no longer exists: fall back to Guest and a fresh conversation.
    writeStored(CUSTOMER_KEY, "");
    announceCustomer("");
  }
}

customerSelect.addEventListener("change", () => {
  const customerId = customerSelect.value;
  writeStored(CUSTOMER_KEY, customerId);
  announceCustomer(customerId);
});

// ---- product grid ----------------------------------------------------------------

function renderProduct(product) {
  const item = el("li", "store-product");
  item.dataset.productId = String(product.product_id ?? "");
  item.appendChild(createProductImage(product.image_url, product.title || ""));
  const body = el("div", "store-product-body");
  const leaf = categoryLeaf(product.category);
  if (leaf) {
    const category = el("p", "store-product-category", leaf);
    category.title = String(product.category);
    body.appendChild(category);
  }
  body.appendChild(el("h2", "store-product-title", product.title || "Untitled product"));
  const price = el("p", "store-product-price", formatPrice(product.price, product.currency));
  if (typeof product.price !== "number") price.classList.add("is-unavailable");
  body.appendChild(price);
  item.appendChild(body);
  return item;
}

function renderProducts(products, total, query) {
  grid.replaceChildren(...products.map(renderProduct));
  grid.setAttribute("aria-busy", "false");
  if (!products.length) {
    gridStatus.textContent = query ? `No products match “${query}”.` : "No products yet.";
  } else if (total > products.length) {
    gridStatus.textContent = `Showing ${products.length} of ${total} products`;
  } else {
    gridStatus.textContent = `${products.length} product${products.length === 1 ? "" : "s"}`;
  }
}

function renderLoadError(query) {
  grid.replaceChildren();
  grid.setAttribute("aria-busy", "false");
  gridStatus.replaceChildren(el("span", "", "Couldn't load products. "));
  const retry = el("button", "link-button", "Try again");
  retry.type = "button";
  retry.addEventListener("click", () => loadProducts(query));
  gridStatus.appendChild(retry);
}

let inflight = null; // AbortController of the latest product request

async function loadProducts(query) {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  grid.setAttribute("aria-busy", "true");
  const params = new URLSearchParams({ q: query, limit: String(PAGE_SIZE) });
  try {
    const response = await fetch(`/api/products?${params}`, {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    const products = Array.isArray(body.products) ? body.products : [];
    renderProducts(products, Number(body.total) || products.length, query);
  } catch (error) {
    if (controller.signal.aborted) return; // superseded by a newer search
    console.warn("Could not load products:", error);
    renderLoadError(query);
  } finally {
    if (inflight === controller) inflight = null;
  }
}

function setQueryInUrl(query) {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

let debounceTimer = 0;

function search(query) {
  window.clearTimeout(debounceTimer);
  setQueryInUrl(query);
  loadProducts(query);
}

searchInput.addEventListener("input", () => {
  window.clearTimeout(debounceTimer);
  debounceTimer = window.setTimeout(() => search(searchInput.value.trim()), SEARCH_DEBOUNCE_MS);
});

searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  search(searchInput.value.trim());
});

// ---- the assistant's events --------------------------------------------------------

document.addEventListener("assistant:add-to-cart", (event) => {
  const item = event.detail || {};
  if (!item.product_id) return;
  cart.push(item);
  cartCount.textContent = String(cart.length);
  const price = typeof item.price === "number" ? ` (${formatPrice(item.price, item.currency)})` : "";
  cartStatus.textContent = `Added “${item.title || item.product_id}”${price} to your cart.`;
});

document.addEventListener("assistant:product-click", (event) => {
  const title = event.detail?.title;
  if (!title) return;
  searchInput.value = title; // the demo has no product pages: show it in the grid
  search(title);
});

// ---- start -----------------------------------------------------------------------

const initialQuery = new URL(window.location.href).searchParams.get("q") || "";
searchInput.value = initialQuery;
loadCustomers();
loadProducts(initialQuery.trim());
