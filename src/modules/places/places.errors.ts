import { badInput, notFound } from '../../common/errors/app-error.js';

export const PlaceErrors = {
  notFound: (code: string) => notFound('PLACE_NOT_FOUND', 'Place', code),
  unknownCode: (field: string, code: string) =>
    badInput('UNKNOWN_PLACE_CODE', field, `${field}: ${code} is not an official place code`),
};
