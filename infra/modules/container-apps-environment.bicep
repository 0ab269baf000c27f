metadata name = 'Container Apps environment'
metadata description = 'Workload-profiles Container Apps environment with the Consumption profile and a serverless GPU profile for the render worker.'

@description('Required. Name of the environment.')
@minLength(2)
@maxLength(60)
param name string

@description('Optional. Location of the environment (must offer the chosen serverless GPU type).')
param location string = resourceGroup().location

@description('Optional. Tags of the environment.')
param tags object = {}

@description('Required. Name of the Log Analytics workspace that receives the container logs.')
param logAnalyticsWorkspaceName string

@description('Optional. Name given to the GPU workload profile; jobs attach to it by this name.')
@minLength(1)
@maxLength(64)
param gpuWorkloadProfileName string = 'gpu'

@description('Optional. Serverless GPU workload profile type: NVIDIA T4 (8 vCPU, 56 GiB) or A100 (24 vCPU, 220 GiB).')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuWorkloadProfileType string = 'Consumption-GPU-NC8as-T4'

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2026-01-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    zoneRedundant: false
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        // Serverless GPU: billed per second while a replica runs, nothing while the job is idle.
        name: gpuWorkloadProfileName
        workloadProfileType: gpuWorkloadProfileType
      }
    ]
  }
}

@description('The resource ID of the environment.')
output resourceId string = environment.id

@description('The name of the environment.')
output name string = environment.name

@description('The name of the GPU workload profile.')
output gpuWorkloadProfileName string = gpuWorkloadProfileName
