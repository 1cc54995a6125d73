export { mapPictureSvg, type PictureOptions } from './mapPicture.ts';
