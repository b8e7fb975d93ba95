// Inlined into every browser test page (web-test-runner.config.mjs): no shadow root a widget draws may hold an id
// twice. A second element with an id takes no label, aria-labelledby, aria-describedby or error-summary link meant
// for the first, and axe no longer says so (its duplicate-id rules went with WCAG 2.2's 4.1.1). Each shadow root is
// watched from the moment it is attached; a duplicate is thrown as an uncaught error, which fails the test running.
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function attachShadow(init) {
    const root = attach.call(this, init);
    new MutationObserver(() => {
      const seen = new Set();
      for (const el of root.querySelectorAll('[id]')) {
        if (seen.has(el.id)) throw new Error(`<${root.host.localName}> shows the id "${el.id}" twice`);
        seen.add(el.id);
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['id'] });
    return root;
  };
})();
