/* sphinx-blogpost: search result excerpts show a page's own text.
 *
 * Sphinx's search page makes each excerpt from the text of the result page's main content.
 * On a post that text opens with what the blog adds (category, date, "N min read", words,
 * authors, tags) and ends with other posts' titles (series, related posts, previous/next),
 * none of which the search index holds either. This leaves those parts out, as Sphinx
 * leaves out header links, before Sphinx picks the excerpt. Added to the search page only.
 */
(() => {
  "use strict";
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const BLOG_PARTS = ".bp-post-header, .bp-cover, .bp-series, .bp-related, .bp-post-nav, .bp-listing";
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const parts = page.querySelectorAll(BLOG_PARTS);
    if (parts.length === 0) return htmlToText(htmlString, anchor);
    parts.forEach((part) => part.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
})();
