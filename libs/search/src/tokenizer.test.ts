import { InvalidQueryError } from './errors';
import { tokenize, type Token } from './tokenizer';

const brief = (tokens: Token[]): string[] =>
  tokens.map((token) => {
    switch (token.kind) {
      case 'word':
        return `word:${token.text}@${token.start}`;
      case 'phrase':
        return `phrase:${token.text}@${token.start}`;
      case 'compare':
        return `${token.operator}@${token.start}`;
      default:
        return `${token.kind}@${token.start}`;
    }
  });

describe('tokenize', () => {
  it('splits words, fields, groups and alternatives, keeping each offset', () => {
    expect(brief(tokenize('status:(failed|waiting) node'))).toEqual([
      'word:status@0',
      'colon@6',
      'lparen@7',
      'word:failed@8',
      'pipe@14',
      'word:waiting@15',
      'rparen@22',
      'word:node@24',
      'end@28',
    ]);
  });

  it('reads a minus as negation only where a term starts', () => {
    expect(brief(tokenize('-a pre-production (-b|-c) x:-5'))).toEqual([
      'minus@0',
      'word:a@1',
      'word:pre-production@3',
      'lparen@18',
      'minus@19',
      'word:b@20',
      'pipe@21',
      'minus@22',
      'word:c@23',
      'rparen@24',
      'word:x@26',
      'colon@27',
      'word:-5@28',
      'end@30',
    ]);
  });

  it('reads the comparison operators, two characters before one', () => {
    expect(brief(tokenize('a>1 b>=2 c<3 d<=4'))).toEqual([
      'word:a@0',
      '>@1',
      'word:1@2',
      'word:b@4',
      '>=@5',
      'word:2@7',
      'word:c@9',
      '<@10',
      'word:3@11',
      'word:d@13',
      '<=@14',
      'word:4@16',
      'end@17',
    ]);
  });

  it('reads a phrase with its escapes as one token, spaces and delimiters included', () => {
    const [phrase] = tokenize('"a (b) | \\"c\\" \\\\ d"');
    expect(phrase).toMatchObject({ kind: 'phrase', text: 'a (b) | "c" \\ d', start: 0, end: 20 });
  });

  it('reads a star as its own token so that the parser can tell prefix* from misplaced wildcards', () => {
    expect(brief(tokenize('prov* *x'))).toEqual(['word:prov@0', 'star@4', 'star@6', 'word:x@7', 'end@8']);
  });

  it('records whether whitespace came before each token', () => {
    const tokens = tokenize('a: b');
    expect(tokens.map((token) => token.spaceBefore)).toEqual([false, false, true, false]);
  });

  it('yields only the end token for an empty or blank query', () => {
    expect(brief(tokenize(''))).toEqual(['end@0']);
    expect(brief(tokenize('   '))).toEqual(['end@3']);
  });

  it('refuses a phrase without its closing quote, naming where it opened', () => {
    expect(() => tokenize('note:"half open')).toThrow(InvalidQueryError);
    expect(() => tokenize('note:"half open')).toThrow('missing closing quote for the phrase that starts at 5');
  });
});
