"""In-app and e-mail notifications, and each member's preferences for them.

Every area tells members things through `services.notify`; this app knows the kinds
by name and nothing about the areas that send them.
"""
