export { MARK_COLOUR, mapPictureSvg, type PictureOptions } from './mapPicture.ts';
