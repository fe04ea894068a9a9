import { describe, expect, it } from 'vitest';
import { consoleEndpoints, partitionOfArn } from './console-endpoints';

describe('consoleEndpoints', () => {
  it('uses the global console home without a region', () => {
    expect(consoleEndpoints()).toEqual({ signin: 'https://signin.aws.amazon.com', destination: 'https://console.aws.amazon.com/' });
  });

  it('opens the region\'s console when given one, on its partition\'s hosts', () => {
    expect(consoleEndpoints('eu-west-1')).toEqual({
      signin: 'https://signin.aws.amazon.com',
      destination: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    });
    expect(consoleEndpoints('us-gov-west-1')).toEqual({
      signin: 'https://signin.amazonaws-us-gov.com',
      destination: 'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    });
    expect(consoleEndpoints('cn-north-1')).toEqual({
      signin: 'https://signin.amazonaws.cn',
      destination: 'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1',
    });
  });

  it('takes the partition from the role ARN when no region is given; the region wins over it', () => {
    expect(consoleEndpoints(undefined, 'aws-us-gov')).toEqual({ signin: 'https://signin.amazonaws-us-gov.com', destination: 'https://console.amazonaws-us-gov.com/' });
    expect(consoleEndpoints(undefined, 'aws-cn').signin).toBe('https://signin.amazonaws.cn');
    expect(consoleEndpoints('eu-west-1', 'aws-cn').signin).toBe('https://signin.aws.amazon.com');
    expect(consoleEndpoints(undefined, 'aws-iso').signin).toBe('https://signin.aws.amazon.com');
  });

  it('reads the partition of an ARN', () => {
    expect(partitionOfArn('arn:aws-us-gov:iam::012345678901:role/Admin')).toBe('aws-us-gov');
    expect(partitionOfArn('arn:aws:iam::012345678901:role/Admin')).toBe('aws');
    expect(partitionOfArn('not an arn')).toBeUndefined();
    expect(partitionOfArn(undefined)).toBeUndefined();
  });
});
