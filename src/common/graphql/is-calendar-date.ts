import { ValidatorConstraint, type ValidatorConstraintInterface, type ValidationArguments } from 'class-validator';
import { isCalendarDate } from './date.scalar.js';

/** class-validator rule for a YYYY-MM-DD calendar day (the Date scalar checks too; this covers non-GraphQL callers). */
@ValidatorConstraint({ name: 'isCalendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCalendarDate(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a calendar day written YYYY-MM-DD`;
  }
}
