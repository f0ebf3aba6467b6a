"""Years and countries the map view's tests go through."""
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024)
TARGETS = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "AFG", "AZE", "TUR", "IRN", "PAK", "ARM", "GEO", "MDA", "UKR",
           "BLR", "MNG", "CHN")
