/** English of the mobile number's checks (phone chunk). */
export default {
  enterMobile: 'Enter your mobile number.',
  tooShort: 'This number is too short.',
  tooShortFor: 'This number is too short for {country}.',
  tooLong: 'This number is too long.',
  tooLongFor: 'This number is too long for {country}.',
  chooseCountry: 'Choose your country, or start the number with + and the country code.',
  invalidMobile: 'Enter a valid mobile number.',
  invalidMobileFor: 'Enter a valid mobile number for {country}.',
};
