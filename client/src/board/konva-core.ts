/**
 * Konva as the board uses it: its core and the shapes the views draw, without the filters,
 * sprites, text paths and other shapes it never uses (a sixth of Konva). The build points
 * `konva` and `react-konva` here (vite.config.ts), so every import gets this one; a view that
 * takes a new Konva shape registers it below. The resize handles (Transformer) register
 * themselves when first needed (canvas/ResizeHandles.tsx).
 */
import Konva from 'konva/lib/Core.js';
import 'konva/lib/shapes/Arrow.js';
import 'konva/lib/shapes/Circle.js';
import 'konva/lib/shapes/Ellipse.js';
import 'konva/lib/shapes/Image.js';
import 'konva/lib/shapes/Label.js';
import 'konva/lib/shapes/Line.js';
import 'konva/lib/shapes/Path.js';
import 'konva/lib/shapes/Rect.js';
import 'konva/lib/shapes/Text.js';

export default Konva;
