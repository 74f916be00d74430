// custom-elements.json, generated from the element's JSDoc (@attr, @event, @csspart,
// @cssproperty) at build time into dist/widget, which the worker serves at /custom-elements.json.
export default {
  globs: ['widget/src/popin-booking.ts', 'widget/src/popin-booking.component.ts'],
  outdir: 'dist/widget',
  litelement: true,
  plugins: [internalState()],
};

/**
 * Lit's internal reactive state (`static properties = { x: { state: true } }`) has no
 * attribute and is not public API, but the analyzer lists it as both: drop it.
 */
function internalState() {
  const state = new Map(); // class name -> names declared with state: true
  return {
    name: 'popin-internal-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isProperties = ts.isPropertyDeclaration(member) && member.name.getText() === 'properties';
        if (!isProperties || !member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        const names = member.initializer.properties
          .filter((p) => ts.isPropertyAssignment(p) && /\bstate\s*:\s*true\b/.test(p.initializer.getText()))
          .map((p) => p.name.getText());
        state.set(node.name.getText(), new Set(names));
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const hidden = state.get(declaration.name);
        if (!hidden) continue;
        declaration.attributes = declaration.attributes?.filter((a) => !hidden.has(a.fieldName ?? a.name));
        declaration.members = declaration.members?.filter((m) => !hidden.has(m.name));
      }
    },
  };
}
