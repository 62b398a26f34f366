// The parts of the two word packages the themes use (neither ships its own types).

declare module 'snowball-stemmers' {
  interface Stemmer {
    stem(word: string): string;
  }
  const snowball: { newStemmer(language: string): Stemmer; algorithms(): string[] };
  export default snowball;
}

declare module 'stopword' {
  /** Norwegian Bokmål. */
  export const nob: readonly string[];
  export const eng: readonly string[];
}
