"""The storefront: the store page with the chat widget, the widget's embed script, and the chat
proxy to Rasa (`storefront.app`), with its static assets in `storefront/web/`.

A thin process of its own (`python -m storefront`): it imports nothing of the recommender's
runtime but the shared HTTP error shape and the signed-identity tokens, so it never loads torch.
"""
