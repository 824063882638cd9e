import { badInput, notFound } from '../../common/errors/app-error.js';

export const PlaceErrors = {
  notFound: (code: string) => notFound('PLACE_NOT_FOUND', code),
  unknownCode: (field: string, code: string) => badInput('UNKNOWN_PLACE_CODE', field, { code }),
};
