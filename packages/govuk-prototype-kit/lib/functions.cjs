// The Nunjucks function behind the plugin's macros (listed under "nunjucksFunctions" in
// govuk-prototype-kit.config.json): odkitRender(widget, params) gives the widget's server-
// rendered HTML, marked safe (@odkit/ssr escapes every piece of the case's text itself).
const { addFunction } = require('govuk-prototype-kit').views;
const { renderWidget } = require('../server/odkit-render.cjs');

addFunction('odkitRender', (widget, params) => renderWidget(widget, params || {}, process.cwd()), {
  renderAsHtml: true,
});
