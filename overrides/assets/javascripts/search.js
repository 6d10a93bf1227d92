// Search with Pagefind, started by site.js when the reader first goes to the search field.
// Pagefind's script and the parts of the edition's index that the words need are loaded only
// now. Results are built as DOM nodes: an excerpt keeps its <mark>s and nothing else.
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
    const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
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
      title.textContent = result.meta.title || result.url;
      const text = document.createElement("p");
      text.append(excerpt(result.excerpt));
      article.append(title, text);
      link.append(article);
      item.append(link);
      list.append(item);
    }
  }

  async function search() {
    const query = input.value.trim();
    const ticket = ++asked;
    if (!query) {
      meta.textContent = words.searchPrompt || "";
      list.replaceChildren();
      return;
    }
    const pagefind = await load();
    if (ticket !== asked) return;
    if (!pagefind) {
      meta.textContent = words.searchUnavailable || "Search is not available here.";
      return;
    }
    const found = await pagefind.debouncedSearch(query, {}, 200);
    if (found === null || ticket !== asked) return;
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
