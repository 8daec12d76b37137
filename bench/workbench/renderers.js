// Benchmark harness (bundled by render.mjs): the same cluster graph drawn by sigma.js (WebGL, what the workbench
// uses) and by cytoscape.js (canvas), both at the positions of web/src/layout.js, so only the renderers differ.
import cytoscape from 'cytoscape';
import { buildGraph } from '../../web/src/graphview.js';
import Sigma from 'sigma';

const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

async function zoomSteps(step, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) { step(i); await frame(); }
  return (performance.now() - t0) / n;
}

window.benchSigma = async (data, container) => {
  const t0 = performance.now();
  const { graph } = buildGraph(data);
  const renderer = new Sigma(graph, container, { labelRenderedSizeThreshold: 7, labelDensity: 0.3 });
  await frame();
  const firstFrame = performance.now() - t0;
  const camera = renderer.getCamera();
  // A camera change schedules one redraw on the next frame (no re-indexing), as a user's pan or wheel does.
  const perFrame = await zoomSteps((i) => camera.setState({ ratio: 1 / (1 + (i % 10) * 0.1), x: 0.5 + (i % 5) * 0.01, y: 0.5 }), 30);
  renderer.kill();
  return { nodes: graph.order, edges: graph.size, firstFrame, perFrame };
};

window.benchCytoscape = async (data, container) => {
  const t0 = performance.now();
  const { graph } = buildGraph(data);
  const elements = [];
  graph.forEachNode((id, a) => elements.push({ data: { id, color: a.color, size: a.size * 2 }, position: { x: a.x * 20, y: a.y * 20 } }));
  graph.forEachEdge((id, a, s, t) => elements.push({ data: { id, source: s, target: t, color: a.color } }));
  const cy = cytoscape({
    container, elements, layout: { name: 'preset' },
    style: [{ selector: 'node', style: { 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)' } },
      { selector: 'edge', style: { 'line-color': 'data(color)', width: 0.5 } }],
  });
  await frame();
  const firstFrame = performance.now() - t0;
  const perFrame = await zoomSteps((i) => { cy.zoom(1 + (i % 10) * 0.1); cy.pan({ x: (i % 5) * 10, y: 0 }); }, 30);
  cy.destroy();
  return { nodes: graph.order, edges: graph.size, firstFrame, perFrame };
};
