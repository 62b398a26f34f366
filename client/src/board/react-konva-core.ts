/**
 * react-konva without the `import 'konva'` of its main file (all of Konva): its core, after
 * the shapes the board registers in `konva-core.ts`. The build points `react-konva` here.
 */
import './konva-core.js';

export * from 'react-konva/lib/ReactKonvaCore.js';
