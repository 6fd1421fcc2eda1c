/**
 * Word lists the generator combines into names, titles, places and browsers.
 *
 * They are invented for this project (no fixture records are copied) but keep
 * the features that make the real data awkward: apostrophes, slashes,
 * ampersands, parentheses, and non-ASCII letters that the logs double-encode.
 */

/** Plain words for artist names and song titles. */
export const WORDS = [
  'Love', 'Night', 'Fire', 'River', 'Ghost', 'Summer', 'Echo', 'Velvet', 'Iron', 'Paper',
  'Silver', 'Golden', 'Broken', 'Electric', 'Midnight', 'Wild', 'Lonely', 'Neon', 'Crystal',
  'Thunder', 'Honey', 'Shadow', 'Ocean', 'Desert', 'Winter', 'Sugar', 'Rain', 'Heart', 'Stone',
  'Dream', 'City', 'Road', 'Star', 'Moon', 'Sun', 'Blue', 'Red', 'Black', 'White', 'Green',
  'Machine', 'Garden', 'Mirror', 'Window', 'Radio', 'Satellite', 'Highway', 'Harbor', 'Candle',
  'Kingdom', 'Parade', 'Circus', 'Lullaby', 'Anthem', 'Song', 'Dance', 'Fever', 'Storm', 'Wolf',
  'Tiger', 'Sparrow', 'Raven', 'Arrow', 'Bridge', 'Tower', 'Island', 'Valley', 'Mountain', 'Sky',
];

/** Words with apostrophes (749 real NextSong rows carry one). */
export const APOSTROPHE_WORDS = [
  "Don't", "Can't", "I'm", "Rock'n'Roll", "Lovin'", "Ain't", "Nothin'", "O'Malley", "It's",
  "Won't", "Summer's", "Tonight's", "Rollin'", "Y'all",
];

/**
 * Words with non-ASCII letters. Song files store them properly encoded, the
 * logs as double-encoded mojibake, so they never join across the two.
 */
export const ACCENTED_WORDS = [
  'Café', 'Señor', 'Björn', 'Mötley', 'Zoë', 'Rosé', 'Naïve', 'Déjà', 'Açaí', 'Fiancée',
  'Jalapeño', 'Müller', 'Sigurrós', 'Ångström', 'Crème', 'Élan', 'Smörgås', 'Résumé',
];

/** Artist name shapes; `{A}` `{B}` are words, `{P}` a person's name. */
export const ARTIST_PATTERNS = [
  'The {A} {B}s', '{A} {B}', '{P}', '{P} & The {A}s', '{A}', '{P} feat. {Q}',
  '{A}/{B}', 'DJ {A}', '{P} with {Q}', 'The {A}s', '{A} {B} (Live)', "{A}'s {B}",
];

/** Song title shapes. */
export const TITLE_PATTERNS = [
  '{A} {B}', '{A}', 'The {A} {B}', '{A} Of {B}', '{A} {B} (Album Version)', '{A} {B} (Remix)',
  '{A} In The {B}', 'My {A} {B}', '{A} & {B}', '{A} {B} {C}', '{A} - {B} Mix',
];

/** First names for both users and performers. */
export const FIRST_NAMES_F = [
  'Anna', 'Maya', 'Lily', 'Chloe', 'Sara', 'Jenna', 'Kara', 'Nora', 'Ivy', 'Ruby', 'Elena',
  'Tegan', 'Layla', 'Mia', 'Hannah', 'Aurora', 'Stella', 'Jade', 'Leah', 'Sophie', 'Ava',
];
export const FIRST_NAMES_M = [
  'Liam', 'Noah', 'Ethan', 'Jacob', 'Lucas', 'Owen', 'Caleb', 'Ryan', 'Aiden', 'Mason',
  'Kevin', 'Samuel', 'Elijah', 'Jordan', 'Austin', 'Dylan', 'Wyatt', 'Cole', 'Brady', 'Tucker',
];
export const LAST_NAMES = [
  'Harris', 'Lopez', 'Nguyen', 'Walker', 'Reed', 'Kim', 'Turner', 'Patel', 'Brooks', 'Ortiz',
  'Foster', 'Hayes', 'Bennett', 'Price', 'Ramsey', 'Diaz', 'Coleman', 'Jenkins', 'Perry',
  'Long', 'Hughes', "O'Brien", 'Cruz', 'Myers', 'Ford', 'Hamilton', 'Graham', 'Sullivan',
];

/** User locations: metropolitan statistical area names, as the logs use. */
export const METRO_AREAS = [
  'New York-Newark-Jersey City, NY-NJ-PA', 'Los Angeles-Long Beach-Anaheim, CA',
  'Chicago-Naperville-Elgin, IL-IN-WI', 'Dallas-Fort Worth-Arlington, TX',
  'Houston-The Woodlands-Sugar Land, TX', 'Washington-Arlington-Alexandria, DC-VA-MD-WV',
  'Miami-Fort Lauderdale-West Palm Beach, FL', 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD',
  'Atlanta-Sandy Springs-Roswell, GA', 'Boston-Cambridge-Newton, MA-NH',
  'Phoenix-Mesa-Scottsdale, AZ', 'San Francisco-Oakland-Hayward, CA',
  'Riverside-San Bernardino-Ontario, CA', 'Detroit-Warren-Dearborn, MI',
  'Seattle-Tacoma-Bellevue, WA', 'Minneapolis-St. Paul-Bloomington, MN-WI',
  'San Diego-Carlsbad, CA', 'Tampa-St. Petersburg-Clearwater, FL', 'Denver-Aurora-Lakewood, CO',
  'St. Louis, MO-IL', 'Portland-Vancouver-Hillsboro, OR-WA', 'Winston-Salem, NC',
  'Lake Havasu City-Kingman, AZ', "Coeur d'Alene, ID",
];

/** Artist home towns with coordinates (all well away from 0, see formatFloat). */
export const ARTIST_PLACES: ReadonlyArray<{ name: string; lat: number; lon: number }> = [
  { name: 'Memphis, TN', lat: 35.14968, lon: -90.04892 },
  { name: 'Nashville, TN', lat: 36.16778, lon: -86.77836 },
  { name: 'London, England', lat: 51.50632, lon: -0.12714 },
  { name: 'Chicago, IL', lat: 41.88415, lon: -87.63241 },
  { name: 'Austin, TX', lat: 30.26759, lon: -97.74299 },
  { name: 'Detroit, MI', lat: 42.33168, lon: -83.04792 },
  { name: 'Seattle, WA', lat: 47.60356, lon: -122.32944 },
  { name: 'New York, NY', lat: 40.71455, lon: -74.00712 },
  { name: 'Montreal, Quebec', lat: 45.51228, lon: -73.55439 },
  { name: 'Berlin, Germany', lat: 52.51607, lon: 13.37698 },
  { name: 'Kingston, Jamaica', lat: 17.99702, lon: -76.79358 },
  { name: 'Stockholm, Sweden', lat: 59.33217, lon: 18.06243 },
  { name: 'Reykjavík, Iceland', lat: 64.13548, lon: -21.89541 },
  { name: 'São Paulo, Brazil', lat: -23.56287, lon: -46.65468 },
  { name: 'California - LA', lat: 34.05349, lon: -118.24532 },
  { name: 'Glasgow, Scotland', lat: 55.85729, lon: -4.24251 },
];

/** Browser strings; the log writer keeps "/" escaped and some wrapped in quotes. */
export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.103 Safari/537.36',
  'Mozilla/5.0 (Windows NT 6.3; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.77.4 (KHTML, like Gecko) Version/7.0.5 Safari/537.77.4',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/38.0.2125.101 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/36.0.1985.125 Chrome/36.0.1985.125 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53',
  'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; WOW64; Trident/6.0)',
  'Mozilla/5.0 (Windows NT 6.1; rv:32.0) Gecko/20100101 Firefox/32.0',
  'Mozilla/5.0 (iPad; CPU OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53',
];
