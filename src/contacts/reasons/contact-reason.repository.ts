import { Injectable } from '@nestjs/common';
import { ContactReason, Prisma } from '@prisma/client';
import { PrismaService } from '../../database/prisma.service';

type Db = PrismaService | Prisma.TransactionClient;

/** The list of reasons comms maintains. */
@Injectable()
export class ContactReasonRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(includeArchived: boolean): Promise<ContactReason[]> {
    return this.prisma.contactReason.findMany({ where: includeArchived ? {} : { archivedAt: null }, orderBy: [{ position: 'asc' }, { label: 'asc' }] });
  }

  findByKey(key: string): Promise<ContactReason | null> {
    return this.prisma.contactReason.findUnique({ where: { key } });
  }

  findById(id: string): Promise<ContactReason | null> {
    return this.prisma.contactReason.findUnique({ where: { id } });
  }

  /** null when the key is taken (the unique index decides, so two concurrent creates make one reason). */
  async create(data: { key: string; label: string; position: number }, now: Date, after: (tx: Prisma.TransactionClient, r: ContactReason) => Promise<void>): Promise<ContactReason | null> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const r = await tx.contactReason.create({ data: { ...data, createdAt: now, updatedAt: now } });
        await after(tx, r);
        return r;
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') return null;
      throw e;
    }
  }

  update(id: string, data: { label?: string; position?: number; archivedAt?: Date | null }, now: Date, after: (tx: Prisma.TransactionClient, r: ContactReason) => Promise<void>): Promise<ContactReason> {
    return this.prisma.$transaction(async (tx: Db & Prisma.TransactionClient) => {
      const r = await tx.contactReason.update({ where: { id }, data: { ...data, updatedAt: now } });
      await after(tx, r);
      return r;
    });
  }

  async inUse(id: string): Promise<boolean> {
    return (await this.prisma.contact.count({ where: { reasonId: id }, take: 1 })) > 0;
  }

  delete(id: string, after: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    return this.prisma.$transaction(async (tx) => {
      await tx.contactReason.delete({ where: { id } });
      await after(tx);
    });
  }
}
