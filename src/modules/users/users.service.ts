import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { notFound } from '../../common/errors/app-error.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<UserEntity> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound('USER_NOT_FOUND', 'User', id);
    return user;
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.db.getRepository(UserEntity).findBy({ id: In([...ids]) });
  }
}
