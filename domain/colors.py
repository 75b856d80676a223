"""Kanboard's task colour palette (ids, names and the rgb values clients draw with)."""

DEFAULT_COLOR = "yellow"
DEFAULT_COLOR_SETTING = "default_color"  # Kanboard's settings option naming another


def default_color(settings: dict[str, str]) -> str:
    """The colour of a task created without one: the application's setting, else yellow."""
    return settings.get(DEFAULT_COLOR_SETTING) or DEFAULT_COLOR

# id -> (name, background, border), in Kanboard's order.
COLORS: dict[str, tuple[str, str, str]] = {
    "yellow": ("Yellow", "rgb(245, 247, 196)", "rgb(223, 227, 45)"),
    "blue": ("Blue", "rgb(219, 235, 255)", "rgb(168, 207, 255)"),
    "green": ("Green", "rgb(189, 244, 203)", "rgb(74, 227, 113)"),
    "purple": ("Purple", "rgb(223, 176, 255)", "rgb(205, 133, 254)"),
    "red": ("Red", "rgb(255, 187, 187)", "rgb(255, 151, 151)"),
    "orange": ("Orange", "rgb(255, 215, 179)", "rgb(255, 172, 98)"),
    "grey": ("Grey", "rgb(238, 238, 238)", "rgb(204, 204, 204)"),
    "brown": ("Brown", "#d7ccc8", "#4e342e"),
    "deep_orange": ("Deep Orange", "#ffab91", "#e64a19"),
    "dark_grey": ("Dark Grey", "#cfd8dc", "#455a64"),
    "pink": ("Pink", "#f48fb1", "#d81b60"),
    "teal": ("Teal", "#80cbc4", "#00695c"),
    "cyan": ("Cyan", "#b2ebf2", "#00bcd4"),
    "lime": ("Lime", "#e6ee9c", "#afb42b"),
    "light_green": ("Light Green", "#dcedc8", "#689f38"),
    "amber": ("Amber", "#ffe082", "#ffa000"),
}


def color_of(color_id: str | None) -> dict[str, str]:
    """The colour object Kanboard attaches to a task; unknown ids fall back to the default."""
    name, background, border = COLORS.get(color_id or "", COLORS[DEFAULT_COLOR])
    return {"name": name, "background": background, "border": border}
