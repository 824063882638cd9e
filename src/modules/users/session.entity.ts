import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-in: one family of rotating refresh tokens. Access tokens name the session, so revoking it
 * (logout, token reuse, deactivation) ends them at once.
 */
@Entity('user_session')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  /** SHA-256 of the refresh token currently valid for this session. */
  @Column({ type: 'char', length: 64 })
  refreshTokenHash: string;

  /** How many times the refresh token was rotated; a token of an older generation is a reuse. */
  @Column({ type: 'int', default: 0 })
  generation: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  revokedReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
