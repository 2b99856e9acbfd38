"""Pages of the member registry, by topic. Each view fetches and authorises from the user's scope, then makes
one call to members/services.py."""
