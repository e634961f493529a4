// The teacher's settings ("barème"), as read from tp-reseau.config.json and validated by ./load.ts.
// Every field is optional in the file; defaults live in ./defaults.ts.

export type EchoPolicy = 'required' | 'forbidden' | 'either';

export interface Config {
  /** exercise folders that count, e.g. ['1-meme-machine', '3-ping-pong']; default: all four */
  exercises: string[];
  /** points per check id (overrides); a check not listed keeps its default points */
  points: Record<string, number>;
  /** points per exercise id/folder: the exercise's checks are scaled to total this */
  exercisePoints: Record<string, number>;
  /** bonus points count in the grade on 20 (still capped at 20); default false: reported apart only */
  bonusInGrade?: boolean;
  /** relay server: must the sender get its own message back? */
  echoPolicy: EchoPolicy;
  /** multiplies every deadline (slow machines) */
  timeFactor: number;
  /** the lines the checker types */
  messages: {
    /** part 2: the message typed to the client */
    typed: string;
    /** part 3: the ping-pong lines typed to the client before 'fin' */
    pingPong: string[];
    /** part 4: what the checker's own relay client says */
    relay: string[];
  };
  /** grading only: wall-clock budget per student in seconds (scaled by timeFactor); default 120 */
  studentTimeoutS?: number;
  /** grading only: students graded at once; default: number of cores */
  jobs?: number;
  /** language of the reports: 'fr' (default) or 'en' */
  lang?: 'fr' | 'en';
}
