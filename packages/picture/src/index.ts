export { mapPictureSvg, type PictureOptions } from './mapPicture.ts';
export { type StepArrow, stepArrows } from './stepArrows.ts';
