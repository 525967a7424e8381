"""The history model: what a customer's purchases say about their next one.

`data` (items, rows, loaders), `features` (the scorer's features and mix), `ease`,
`next_item`, `mixer` (its parts), `fitting` (fitting on training sequences only), `metrics`
(Recall/NDCG), and `model` (the served `HistoryModel`: trained on a store's orders, saved as
an artifact under .cache/history, loaded by the service). Nothing is imported here, so a
process that needs one module does not load the others.
"""
