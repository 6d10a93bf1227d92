// Search with Pagefind, started by site.js when the reader first goes to the search field.
// Pagefind's script and the parts of the edition's index that the words need are loaded only
// now. Results are built as DOM nodes: an excerpt keeps its <mark>s and nothing else.
//
// Chinese: the edition is indexed character by character (scripts/scosite/build/search.py), so a
// query's characters are looked for together (find), and the spaces the index put between
// characters are taken out of what is shown (unspaced).
const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
// Spaced as a Han character is (search.py): the middle dot of a transliterated name.
const HANS = HAN + "\u00b7\u30fb";
const BOUNDARY = new RegExp(`(?<=[${HANS}])(?=[${HANS}\\p{L}\\p{N}_])|(?<=[\\p{L}\\p{N}_])(?=[${HANS}])`, "gu");
const SPACED = new RegExp(`(?<=[${HANS}]|[${HANS}]</mark>) (?=[${HANS}]|<mark>[${HANS}])|` +
  `(?<=[${HANS}]|[${HANS}]</mark>) (?=[\\p{L}\\p{N}_]|<mark>[\\p{L}\\p{N}_])|` +
  `(?<=[\\p{L}\\p{N}_]|[\\p{L}\\p{N}_]</mark>) (?=[${HANS}]|<mark>[${HANS}])`, "gu");
const chinese = (document.documentElement.lang || "").split("-")[0] === "zh";
// A search starts once the reader has stopped typing for this long (ms). Pagefind's own
// debouncedSearch fetches the index parts for every prefix typed on the way ("t", "to", "ton"):
// in a large index, most of what a first search downloads.
const PAUSE = 200;

// The characters of a Chinese query, one by one: ranked as Pagefind ranks words (a name in a
// title first), and kept only where each part of the query (words apart, or a name's parts on
// either side of its middle dot) stands together as typed (an exact phrase).
async function find(pagefind, text) {
  if (!chinese || !new RegExp(`[${HAN}]`, "u").test(text)) return pagefind.search(text);
  const characters = text.replace(BOUNDARY, " ");
  const ranked = await pagefind.search(characters);
  let kept = ranked.results;
  for (const part of text.split(/[\s\u00b7\u30fb]+/u)) {
    if (!part || !new RegExp(`[${HAN}]`, "u").test(part)) continue;
    const phrase = await pagefind.search('"' + part.replace(BOUNDARY, " ").trim() + '"');
    const together = new Set(phrase.results.map(function (r) { return r.id; }));
    kept = kept.filter(function (r) { return together.has(r.id); });
  }
  return { results: kept };
}

function unspaced(text) {
  return chinese ? text.replace(SPACED, "") : text;
}

export function start(box, words) {
  const input = box.querySelector("input");
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");
  const bundle = new URL(box.dataset.bundle, document.baseURI);
  let engine = null;
  let asked = 0;

  function load() {
    engine = engine || import(bundle.href + "pagefind.js").then(function (pagefind) {
      pagefind.options({ baseUrl: new URL("..", bundle).pathname });
      return pagefind;
    }, function () { return null; });
    return engine;
  }

  function excerpt(html) {
    const fragment = document.createDocumentFragment();
    const parsed = new DOMParser().parseFromString("<p>" + unspaced(html) + "</p>", "text/html").body.firstChild;
    for (const node of parsed.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(node.textContent));
      }
    }
    return fragment;
  }

  function show(results) {
    list.replaceChildren();
    for (const result of results) {
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = result.url;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const title = document.createElement("h1");
      title.textContent = unspaced(result.meta.title || result.url);
      const text = document.createElement("p");
      text.append(excerpt(result.excerpt));
      article.append(title, text);
      link.append(article);
      item.append(link);
      list.append(item);
    }
  }

  async function search() {
    const typed = input.value.trim();
    const ticket = ++asked;
    if (!typed) {
      meta.textContent = words.searchPrompt || "";
      list.replaceChildren();
      return;
    }
    const loading = load();
    await new Promise(function (resolve) { setTimeout(resolve, PAUSE); });
    if (ticket !== asked) return;
    const pagefind = await loading;
    if (ticket !== asked) return;
    if (!pagefind) {
      meta.textContent = words.searchUnavailable || "Search is not available here.";
      return;
    }
    const found = await find(pagefind, typed);
    if (ticket !== asked) return;
    const results = await Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
    if (ticket !== asked) return;
    const count = found.results.length;
    meta.textContent = count === 0 ? (words.searchNone || "") : count === 1 ? (words.searchOne || "")
      : (words.searchOther || "").replace("#", count);
    show(results);
  }

  input.addEventListener("input", search);
  box.querySelector("form").addEventListener("submit", search);
  if (input.value.trim()) search();  // typed before this script arrived
}
