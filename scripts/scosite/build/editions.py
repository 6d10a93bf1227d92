"""The editions' engine configurations, generated from the one ``mkdocs.yml``.

Every edition is built from the tree the generator writes for it (``.cache/editions/en/``,
``…/ru/``, ``…/zh/``): English with ``mkdocs.yml`` itself, the Russian and Chinese editions with
a configuration derived from ``mkdocs.yml`` here: the same theme, extensions, validation and navigation, with
the edition's language, address, folders and translated navigation titles. No engine plugin
does the translating, so any engine that reads a ``mkdocs.yml`` (MkDocs, ProperDocs) can
build every edition. The configurations are written to ``.cache/editions/`` by each
generator run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..data.i18n import EDITIONS, N_, NAMES, PREFIX, language
from ..settings import EDITIONS_FOLDER as FOLDER
from ..settings import Project


@dataclass
class Tagged:
    """A tagged YAML value kept as written (``!ENV [...]``, ``!!python/name:…``)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _represent(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    if isinstance(value.value, dict):
        return dumper.represent_mapping(value.tag, value.value)
    return dumper.represent_scalar(value.tag, "" if value.value is None else str(value.value))


_Loader.add_multi_constructor("!", _construct)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct)
_Dumper.add_representer(Tagged, _represent)


def load_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# --- The words in the configuration ---------------------------------------------------


def _nav_titles(nav: Any) -> Iterator[str]:
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                yield title
                if isinstance(value, list):
                    yield from _nav_titles(value)


# Options of Markdown extensions whose words a reader meets (a link's title, read aloud).
WORDED_OPTIONS = (("toc", "permalink_title"), ("footnotes", "BACKLINK_TITLE"))


def config_messages(path: Path) -> list[str]:
    """The words a reader sees that ``mkdocs.yml`` holds: the site's name, description and
    copyright line, the navigation's titles, the palette switch's labels."""
    config = load_config(path)
    found = [config.get("site_name"), config.get("site_description"), config.get("copyright")]
    found += list(_nav_titles(config.get("nav")))
    found += [p.get("toggle", {}).get("name") for p in config.get("theme", {}).get("palette", [])]
    found += [e[name].get(option) for e in config.get("markdown_extensions", []) if isinstance(e, dict)
              for name, option in WORDED_OPTIONS if isinstance(e.get(name), dict)]
    found += list((config.get("extra", {}).get("words") or {}).values())
    return [" ".join(str(f).split()) for f in found if f]


def _translated_nav(nav: Any, tr: Callable[[str], str]) -> Any:
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            out.append({tr(title): _translated_nav(value, tr) if isinstance(value, list) else value
                        for title, value in item.items()})
        else:
            out.append(item)
    return out


# --- One edition's configuration -------------------------------------------------------


TRANSLATION_NOTE = N_("The texts of this edition are our translations of our English summaries; names, titles and "
                      "quotations follow the sources.")


def edition_config(project: Project, lang: str) -> dict[str, Any]:
    """``mkdocs.yml`` as the edition in ``lang`` is built with it."""
    root = project.root.resolve()
    config = load_config(root / "mkdocs.yml")
    words = language(lang)

    def tr(text: str) -> str:
        """A configuration's words in the edition's language (the catalogs hold them, collected
        from mkdocs.yml by ``config_messages``)."""
        return words.catalog.gettext(" ".join(text.split()))

    for key in ("site_name", "site_description", "copyright"):
        if config.get(key):
            config[key] = tr(config[key])
    if lang != "en":  # every page's footer says what the edition's texts are
        config["copyright"] = " ".join(filter(None, (config.get("copyright"), words._(TRANSLATION_NOTE))))
    config["site_url"] = project.edition_url(lang)
    config["docs_dir"] = str(project.editions.resolve() / lang)
    config["site_dir"] = str(root / "site" / lang)
    theme = config.setdefault("theme", {})
    theme["language"] = lang
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    for palette in theme.get("palette", []):
        if palette.get("toggle", {}).get("name"):
            palette["toggle"]["name"] = tr(palette["toggle"]["name"])
    config["plugins"] = [{"scosite": {**(plugin.get("scosite") or {}), "root": str(root)}}
                         if isinstance(plugin, dict) and "scosite" in plugin else plugin
                         for plugin in config.get("plugins", [])]
    for extension in config.get("markdown_extensions", []):
        for name, option in WORDED_OPTIONS:
            if isinstance(extension, dict) and isinstance(extension.get(name), dict) and extension[name].get(option):
                extension[name][option] = tr(extension[name][option])
    config["nav"] = _translated_nav(config.get("nav"), tr)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and isinstance(plugin.get("search"), dict):
            # Material's search (the offline copy): Russian beside English, with Material's
            # default pipeline (adding lunr's Russian stemmer left the search worker without an
            # answer in the browser: no results, no error); Chinese segmented at build time
            # (jieba), with the names and terms of the data kept whole
            plugin["search"]["lang"] = ["ru", "en"] if lang == "ru" else "en"
            if lang == "zh":
                plugin["search"]["jieba_dict_user"] = str(words_path(project, lang))
    extra = config.setdefault("extra", {})
    extra["words"] = {key: tr(value) for key, value in (extra.get("words") or {}).items()}
    extra["edition"] = lang
    extra["site_root"] = project.site_url
    return config


def alternates(project: Project) -> list[dict[str, str]]:
    """The language switcher's entries (Material's ``extra.alternate``), each edition's root."""
    return [{"name": NAMES[lang], "lang": lang, "link": project.site_url + PREFIX[lang], "root": PREFIX[lang]}
            for lang in EDITIONS]


def config_path(project: Project, lang: str) -> Path:
    """Where an edition's configuration is written (English: ``mkdocs.yml`` itself)."""
    return project.root / "mkdocs.yml" if lang == "en" else project.root / FOLDER / f"mkdocs.{lang}.yml"


def words_path(project: Project, lang: str) -> Path:
    return project.root / FOLDER / f"search-words.{lang}.txt"


def search_words(data: Any, lang: str) -> list[str]:
    """The names and glossary terms the data gives in ``lang``: words a Chinese segmenter must
    keep whole. A transliterated name is given as its parts, split at the middle dot
    (拉希德·阿利莫夫: 拉希德, 阿利莫夫), so that a reader who searches for the surname alone finds
    it. (Not titles: a reader searches for the words inside a title.)"""
    found: set[str] = set()
    for records in data.records.values():
        for record in records.values():
            forms = [a.name for a in getattr(record, "aliases", []) if a.lang == lang]
            forms += [f.text for f in getattr(record, "forms", []) if f.lang == lang]
            for form in forms:
                parts = [part for part in re.split(r"[·•・\s]", form) if part]
                found.update([form] if len(parts) == 1 else [part for part in parts if len(part) > 1])
    return sorted(found)


def write_configs(project: Project, data: Any = None) -> list[Path]:
    """Write the Russian and Chinese editions' configurations where they changed (a project
    without a ``mkdocs.yml``, such as a test's data alone, has none), and the Chinese words
    the offline copy's search keeps whole."""
    written: list[Path] = []
    if not (project.root / "mkdocs.yml").exists():
        return written
    if data is not None:
        path = words_path(project, "zh")
        text = "".join(f"{word} 100000\n" for word in search_words(data, "zh") if " " not in word)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for lang in EDITIONS[1:]:
        path = config_path(project, lang)
        text = "# generated by scripts/scosite from mkdocs.yml -- do not edit\n" + dump_config(
            edition_config(project, lang))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
